<#import "template.ftl" as layout>
<#import "org-mfa-ui.ftl" as ui>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('acknowledged'); section>
<!-- template: org-mfa-recovery-codes.ftl -->
<#if section = "header">
    ${msg("orgMfa.recoveryCodes.title")}
<#elseif section = "form">
    <@ui.styles/>
    <#if orgMfaJustEnrolled!false>
        <@ui.notice id="org-mfa-enrolled" type="success" title=msg("orgMfa.recoveryCodes.enrolledTitle")>
            <p><#if orgMfaRequiredBy?has_content>${msg("orgMfa.recoveryCodes.enrolledBy", orgMfaRequiredBy)}<#else>${msg("orgMfa.recoveryCodes.enrolled")}</#if></p>
        </@ui.notice>
    </#if>
    <#if orgMfaRecoverySignIn!false>
        <@ui.notice id="org-mfa-old-codes-void" type="warning" role="note" title=msg("orgMfa.recoveryCodes.oldCodesVoidTitle")>
            <p>${msg("orgMfa.recoveryCodes.oldCodesVoid")}</p>
        </@ui.notice>
    <#else>
        <@ui.notice id="org-mfa-codes-warning" type="warning" role="note" title=msg("orgMfa.recoveryCodes.warningTitle")>
            <p>${msg("orgMfa.recoveryCodes.warning")}</p>
        </@ui.notice>
    </#if>
    <#-- What the print-out shows: the codes and whose they are, nothing else of the page. -->
    <section id="org-mfa-print-area" class="org-mfa-print-area" aria-labelledby="org-mfa-codes-for">
        <p id="org-mfa-codes-for" class="org-mfa-codes-for">${msg("orgMfa.recoveryCodes.for", orgMfaRealm, orgMfaAccount)}</p>
        <ol id="org-mfa-recovery-codes" class="org-mfa-codes" role="list"
            data-realm="${orgMfaRealm}" data-account="${orgMfaAccount}"
            data-file-header="${msg("orgMfa.recoveryCodes.fileHeader", orgMfaRealm, orgMfaAccount)}">
            <#list orgMfaRecoveryCodes as code><li><code>${code}</code></li></#list>
        </ol>
        <p class="org-mfa-print-only">${msg("orgMfa.recoveryCodes.printNote")}</p>
    </section>
    <div id="org-mfa-code-actions" class="org-mfa-code-actions" role="group" aria-label="${msg("orgMfa.recoveryCodes.actionsLabel")}" hidden>
        <@ui.secondaryButton type="button" block=false id="org-mfa-copy" label=msg("orgMfa.recoveryCodes.copy")/>
        <@ui.secondaryButton type="button" block=false id="org-mfa-download" label=msg("orgMfa.recoveryCodes.download")/>
        <@ui.secondaryButton type="button" block=false id="org-mfa-print" label=msg("orgMfa.recoveryCodes.print")/>
    </div>
    <p id="org-mfa-copied" class="org-mfa-help org-mfa-status" role="status" aria-live="polite"
       data-copied="${msg("orgMfa.recoveryCodes.copied")}" data-failed="${msg("orgMfa.copyFailed")}"
       data-downloaded="${msg("orgMfa.recoveryCodes.downloaded")}"></p>
    <form id="org-mfa-recovery-codes-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <@ui.checkbox name="acknowledged" label=msg("orgMfa.recoveryCodes.acknowledge") errorId="input-error-acknowledged" required=true/>
        <#if orgMfaRecoverySignIn!false>
            <#-- Only after a sign-in with a recovery code; the server ignores the field in any other sign-in. -->
            <@ui.checkbox name="replaceDevice" id="org-mfa-replace-device" value="true" label=msg("orgMfa.recoveryCodes.replaceDevice")
                help=msg("orgMfa.recoveryCodes.replaceDeviceHelp") helpId="org-mfa-replace-device-help"/>
        </#if>
        <@ui.actions>
            <@ui.primaryButton id="org-mfa-recovery-codes-submit" label=msg("orgMfa.recoveryCodes.continue")/>
            <#if isAppInitiatedAction??>
                <@ui.secondaryButton id="org-mfa-recovery-codes-cancel" label=msg("orgMfa.cancel") name="cancel-aia" value="true" formnovalidate=true/>
            </#if>
        </@ui.actions>
    </form>
    <script src="${url.resourcesPath}/org-mfa/org-mfa.js" defer></script>
</#if>
</@layout.registrationLayout>
