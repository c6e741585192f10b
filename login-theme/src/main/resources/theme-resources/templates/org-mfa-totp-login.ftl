<#import "template.ftl" as layout>
<#import "org-mfa-ui.ftl" as ui>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('otp'); section>
<!-- template: org-mfa-totp-login.ftl -->
<#if section = "header">
    ${msg("orgMfa.login.title")}
<#elseif section = "form">
    <@ui.styles/>
    <#if lowRecoveryCodes>
        <#-- The plural is picked here and the count passed as a string: Keycloak 26.4's msg cannot
             format FreeMarker numbers ({0,choice} fails there), see org-mfa-grace-notice.ftl. -->
        <#if recoveryCodesRemaining == 0>
            <#-- Worded for users who never had codes too (enrolled through stock CONFIGURE_TOTP). -->
            <#assign lowCodesText = msg("orgMfa.login.noRecoveryCodes")>
        <#elseif recoveryCodesRemaining == 1>
            <#assign lowCodesText = msg("orgMfa.login.oneRecoveryCodeLeft")>
        <#else>
            <#assign lowCodesText = msg("orgMfa.login.lowRecoveryCodes", recoveryCodesRemaining?c)>
        </#if>
        <@ui.notice id="org-mfa-low-codes" type=(recoveryCodesRemaining == 0)?then("warning", "info") title=lowCodesText>
            <p><#if recoveryCodesRemaining == 0>${msg("orgMfa.login.noRecoveryCodesHelp")}<#else>${msg("orgMfa.login.lowRecoveryCodesHelp")}</#if></p>
        </@ui.notice>
    </#if>
    <form id="org-mfa-totp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <#if otpDevices?size gt 1>
            <fieldset id="org-mfa-devices" class="${properties.kcFormGroupClass!} org-mfa-devices">
                <legend class="${properties.kcLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("orgMfa.login.device")}</span></legend>
                <#list otpDevices as id, label>
                    <div class="org-mfa-device">
                        <input type="radio" id="org-mfa-device-${id?index}" name="selectedCredentialId" value="${id}"<#if id == selectedCredentialId> checked</#if>/>
                        <label for="org-mfa-device-${id?index}"><#if label?has_content>${label}<#else>${msg("orgMfa.login.unnamedDevice", (id?index + 1)?c)}</#if></label>
                    </div>
                </#list>
            </fieldset>
        <#else>
            <input type="hidden" name="selectedCredentialId" value="${selectedCredentialId}"/>
        </#if>
        <@ui.textField name="otp" label=msg("orgMfa.login.code") errorId="input-error-otp"
            autocomplete="one-time-code" inputmode="numeric" required=true autofocus=true
            help=msg("orgMfa.login.codeHelp") helpId="org-mfa-otp-help"/>
        <#if lowRecoveryCodes>
            <#if recoveryCodesRemaining == 0>
                <@ui.checkbox name="regenerateRecoveryCodes" label=msg("orgMfa.login.createRecoveryCodes")/>
            <#else>
                <@ui.checkbox name="regenerateRecoveryCodes" label=msg("orgMfa.login.regenerate")/>
            </#if>
        </#if>
        <@ui.actions>
            <@ui.primaryButton id="kc-login" name="login" label=msg("orgMfa.login.submit")/>
        </@ui.actions>
    </form>
    <#-- Offered only to users who have codes left: for the others the link would lead to a form no code passes. -->
    <#if recoveryCodesRemaining gt 0>
        <@ui.linkForm formId="org-mfa-use-recovery-code-form" buttonId="org-mfa-use-recovery-code" name="useRecoveryCode"
            label=msg("orgMfa.login.useRecoveryCode")/>
    </#if>
    <@ui.cantUseEither/>
</#if>
</@layout.registrationLayout>
