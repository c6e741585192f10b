<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('totp','userLabel'); section>
<!-- template: org-mfa-totp-setup.ftl -->
<#if section = "header">
    ${msg("orgMfa.setup.title")}
<#elseif section = "form">
    <link rel="stylesheet" href="${url.resourcesPath}/org-mfa/org-mfa.css"/>
    <ol id="org-mfa-setup-steps" class="org-mfa-steps">
        <li>
            <p>${msg("orgMfa.setup.step1")}</p>
            <#if orgMfaApps?has_content>
                <p class="org-mfa-help">${msg("orgMfa.setup.supportedApps")} <span id="org-mfa-apps"><#list orgMfaApps as app>${app}<#sep>, </#list></span></p>
            </#if>
        </li>
        <li>
            <p>${msg("orgMfa.setup.step2")}</p>
            <img id="org-mfa-qr" class="org-mfa-qr" src="${orgMfaQrCode}" width="246" height="246"
                 alt="${msg("orgMfa.setup.qrAlt")}"/>
            <details id="org-mfa-manual" class="org-mfa-manual">
                <summary>${msg("orgMfa.setup.cantScan")}</summary>
                <p>${msg("orgMfa.setup.manualIntro")}</p>
                <p class="org-mfa-secret-wrap"><code id="org-mfa-secret" class="org-mfa-secret">${orgMfaSecret}</code></p>
                <dl class="org-mfa-details">
                    <dt>${msg("orgMfa.setup.issuer")}</dt><dd>${orgMfaIssuer}</dd>
                    <dt>${msg("orgMfa.setup.account")}</dt><dd>${orgMfaAccount}</dd>
                    <dt>${msg("orgMfa.setup.type")}</dt><dd>${msg("orgMfa.setup.type.${orgMfaPolicy.type}")}</dd>
                    <dt>${msg("orgMfa.setup.algorithm")}</dt><dd>${orgMfaPolicy.algorithmKey}</dd>
                    <dt>${msg("orgMfa.setup.digits")}</dt><dd>${orgMfaPolicy.digits}</dd>
                    <dt>${msg("orgMfa.setup.period")}</dt><dd>${msg("orgMfa.setup.periodSeconds", orgMfaPolicy.period)}</dd>
                </dl>
            </details>
        </li>
        <li><p>${msg("orgMfa.setup.step3")}</p></li>
    </ol>

    <form id="org-mfa-setup-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
        <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcLabelWrapperClass!}">
                <label for="totp" class="${properties.kcLabelClass!}">${msg("orgMfa.setup.code")} <span aria-hidden="true">*</span></label>
            </div>
            <div class="${properties.kcInputWrapperClass!}">
                <input type="text" id="totp" name="totp" class="${properties.kcInputClass!}" required
                       inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" autofocus
                       aria-invalid="<#if messagesPerField.existsError('totp')>true</#if>"
                       <#if messagesPerField.existsError('totp')>aria-describedby="input-error-otp-code"</#if>/>
                <#if messagesPerField.existsError('totp')>
                    <span id="input-error-otp-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('totp'))?no_esc}</span>
                </#if>
            </div>
        </div>
        <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcLabelWrapperClass!}">
                <label for="userLabel" class="${properties.kcLabelClass!}">${msg("orgMfa.setup.deviceName")}<#if orgMfaLabelRequired> <span aria-hidden="true">*</span></#if></label>
            </div>
            <div class="${properties.kcInputWrapperClass!}">
                <input type="text" id="userLabel" name="userLabel" class="${properties.kcInputClass!}" autocomplete="off"
                       maxlength="255" <#if orgMfaLabelRequired>required</#if>
                       aria-describedby="org-mfa-label-help<#if messagesPerField.existsError('userLabel')> input-error-otp-label</#if>"
                       aria-invalid="<#if messagesPerField.existsError('userLabel')>true</#if>"/>
                <span id="org-mfa-label-help" class="org-mfa-help">${msg("orgMfa.setup.deviceNameHelp")}</span>
                <#if messagesPerField.existsError('userLabel')>
                    <span id="input-error-otp-label" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('userLabel'))?no_esc}</span>
                </#if>
            </div>
        </div>
        <div class="${properties.kcFormGroupClass!}">
            <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
                <button type="submit" id="org-mfa-setup-submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("orgMfa.setup.submit")}</button>
                <#if isAppInitiatedAction??>
                    <button type="submit" name="cancel-aia" value="true" id="org-mfa-setup-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("doCancel")}</button>
                </#if>
            </div>
        </div>
    </form>
    <#if !isAppInitiatedAction??>
        <p class="org-mfa-signout"><a id="org-mfa-sign-out" href="${url.loginRestartFlowUrl}">${msg("orgMfa.setup.signOut")}</a></p>
    </#if>
</#if>
</@layout.registrationLayout>
