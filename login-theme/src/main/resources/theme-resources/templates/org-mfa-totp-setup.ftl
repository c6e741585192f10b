<#import "template.ftl" as layout>
<#import "org-mfa-ui.ftl" as ui>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp','userLabel'); section>
<!-- template: org-mfa-totp-setup.ftl -->
<#if section = "header">
    ${msg("orgMfa.setup.title")}
<#elseif section = "form">
    <@ui.styles/>
    <#-- Who asks: the requiring organizations by name; nobody when the user started the setup on their own. -->
    <p id="org-mfa-setup-intro" class="org-mfa-intro"><#if !(orgMfaRequired!true)>${msg("orgMfa.setup.introOptional")}<#elseif (orgMfaRequiredBy!"")?has_content>${msg("orgMfa.setup.introBy", orgMfaRequiredBy)}<#else>${msg("orgMfa.setup.intro")}</#if></p>
    <ol id="org-mfa-setup-steps" class="org-mfa-steps">
        <li class="org-mfa-step">
            <h2 class="org-mfa-step-title">${msg("orgMfa.setup.step1.title")}</h2>
            <p>${msg("orgMfa.setup.step1")}</p>
            <#if orgMfaApps?has_content>
                <p class="org-mfa-help" id="org-mfa-apps-label">${msg("orgMfa.setup.supportedApps")}</p>
                <ul id="org-mfa-apps" class="org-mfa-apps" aria-labelledby="org-mfa-apps-label">
                    <#list orgMfaApps as app><li>${msg(app)}</li></#list>
                </ul>
            </#if>
        </li>
        <li class="org-mfa-step">
            <h2 class="org-mfa-step-title">${msg("orgMfa.setup.step2.title")}</h2>
            <p>${msg("orgMfa.setup.step2")}</p>
            <p id="org-mfa-open-app" class="org-mfa-touch-only org-mfa-open-app"><a id="org-mfa-key-link-touch" href="${orgMfaKeyUri}"
                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("orgMfa.setup.openInAppTouch")}</a></p>
            <img id="org-mfa-qr" class="org-mfa-qr" src="${orgMfaQrCode}" width="246" height="246"
                 alt="${msg("orgMfa.setup.qrAlt")}"/>
            <details id="org-mfa-manual" class="org-mfa-manual">
                <summary id="org-mfa-manual-toggle">${msg("orgMfa.setup.cantScan")}</summary>
                <p>${msg("orgMfa.setup.manualIntro")}</p>
                <p class="org-mfa-secret-row">
                    <code id="org-mfa-secret" class="org-mfa-secret">${orgMfaSecret}</code>
                    <button type="button" id="org-mfa-copy-secret" hidden
                            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!} org-mfa-small-button"
                            data-org-mfa-copy="org-mfa-secret" data-org-mfa-format="key" data-org-mfa-status="org-mfa-copy-secret-status"
                            data-copied="${msg("orgMfa.copied")}" data-failed="${msg("orgMfa.copyFailed")}">${msg("orgMfa.setup.copyKey")}</button>
                    <span id="org-mfa-copy-secret-status" class="org-mfa-help" role="status" aria-live="polite"></span>
                </p>
                <dl id="org-mfa-key-settings" class="org-mfa-details">
                    <dt>${msg("orgMfa.setup.issuer")}</dt><dd>${orgMfaIssuer}</dd>
                    <dt>${msg("orgMfa.setup.account")}</dt><dd>${orgMfaAccount}</dd>
                    <dt>${msg("orgMfa.setup.type")}</dt><dd><#if orgMfaPolicy.type == "hotp">${msg("orgMfa.setup.type.hotp")}<#else>${msg("orgMfa.setup.type.totp")}</#if></dd>
                    <dt>${msg("orgMfa.setup.algorithm")}</dt><dd>${orgMfaPolicy.algorithmKey}</dd>
                    <dt>${msg("orgMfa.setup.digits")}</dt><dd>${orgMfaPolicy.digits}</dd>
                    <#if orgMfaPolicy.type == "hotp">
                        <dt>${msg("orgMfa.setup.counter")}</dt><dd>${orgMfaPolicy.initialCounter}</dd>
                    <#else>
                        <dt>${msg("orgMfa.setup.period")}</dt><dd>${msg("orgMfa.setup.periodSeconds", orgMfaPolicy.period)}</dd>
                    </#if>
                </dl>
                <p><a id="org-mfa-key-link" href="${orgMfaKeyUri}">${msg("orgMfa.setup.openInApp")}</a></p>
            </details>
        </li>
        <li class="org-mfa-step">
            <h2 class="org-mfa-step-title">${msg("orgMfa.setup.step3.title")}</h2>
            <p>${msg("orgMfa.setup.step3", orgMfaPolicy.digits)}</p>
            <form id="org-mfa-setup-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <@ui.textField name="totp" label=msg("orgMfa.setup.code") errorId="input-error-otp-code"
                    required=true autocomplete="one-time-code" inputmode="numeric"/>
                <@ui.textField name="userLabel" label=msg("orgMfa.setup.deviceNameOptional") errorId="input-error-otp-label"
                    maxlength=255 help=msg("orgMfa.setup.deviceNameHelp", orgMfaDefaultLabel) helpId="org-mfa-label-help"/>
                <#if orgMfaLostDevices??>
                    <#-- Replacing a lost device (after a recovery-code sign-in): the ticked ones go once this one is verified. -->
                    <fieldset id="org-mfa-lost-devices" class="${properties.kcFormGroupClass!} org-mfa-devices" aria-describedby="org-mfa-lost-devices-help">
                        <legend class="${properties.kcLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("orgMfa.setup.lostDevices")}</span></legend>
                        <p id="org-mfa-lost-devices-help" class="org-mfa-help">${msg("orgMfa.setup.lostDevicesHelp")}</p>
                        <#list orgMfaLostDevices as id, label>
                            <div class="org-mfa-device">
                                <input type="checkbox" id="org-mfa-lost-device-${id?index}" name="lostDevice" value="${id}"<#if orgMfaLostChosen?seq_contains(id)> checked</#if>/>
                                <label for="org-mfa-lost-device-${id?index}"><#if label?has_content>${label}<#else>${msg("orgMfa.login.unnamedDevice", (id?index + 1)?c)}</#if></label>
                            </div>
                        </#list>
                    </fieldset>
                </#if>
                <@ui.actions>
                    <@ui.primaryButton id="org-mfa-setup-submit" label=msg("orgMfa.setup.submit")/>
                    <#if isAppInitiatedAction??>
                        <@ui.secondaryButton id="org-mfa-setup-cancel" label=msg("orgMfa.cancel") name="cancel-aia" value="true"/>
                    </#if>
                </@ui.actions>
            </form>
        </li>
    </ol>
    <#if !isAppInitiatedAction??>
        <p class="org-mfa-signout"><a id="org-mfa-sign-out" href="${url.loginRestartFlowUrl}">${msg("orgMfa.setup.signOut")}</a></p>
    </#if>
    <script src="${url.resourcesPath}/org-mfa/org-mfa.js" defer></script>
</#if>
</@layout.registrationLayout>
