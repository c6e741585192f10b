<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('otp'); section>
<!-- template: org-mfa-totp-login.ftl -->
<#if section = "header">
    ${msg("orgMfa.login.title")}
<#elseif section = "form">
    <link rel="stylesheet" href="${url.resourcesPath}/org-mfa/org-mfa.css"/>
    <#if lowRecoveryCodes>
        <div id="org-mfa-low-codes" class="${properties.kcAlertClass!} pf-m-info" role="status">
            <p><#if recoveryCodesRemaining == 0>${msg("orgMfa.login.noRecoveryCodes")}<#else>${msg("orgMfa.login.lowRecoveryCodes", recoveryCodesRemaining)}</#if></p>
        </div>
    </#if>
    <form id="org-mfa-totp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <#if otpDevices?size gt 1>
            <fieldset class="${properties.kcFormGroupClass!} org-mfa-devices">
                <legend class="${properties.kcLabelClass!}">${msg("orgMfa.login.device")}</legend>
                <#list otpDevices as id, label>
                    <div class="org-mfa-device">
                        <input type="radio" id="org-mfa-device-${id?index}" name="selectedCredentialId" value="${id}" <#if id == selectedCredentialId>checked</#if>/>
                        <label for="org-mfa-device-${id?index}"><#if label?has_content>${label}<#else>${msg("orgMfa.login.unnamedDevice", id?index + 1)}</#if></label>
                    </div>
                </#list>
            </fieldset>
        <#else>
            <input type="hidden" name="selectedCredentialId" value="${selectedCredentialId}"/>
        </#if>
        <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcLabelWrapperClass!}">
                <label for="otp" class="${properties.kcLabelClass!}">${msg("orgMfa.login.code")}</label>
            </div>
            <div class="${properties.kcInputWrapperClass!}">
                <input id="otp" name="otp" type="text" class="${properties.kcInputClass!}" autofocus
                       inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*"
                       aria-invalid="<#if messagesPerField.existsError('otp')>true</#if>"
                       <#if messagesPerField.existsError('otp')>aria-describedby="input-error-otp"</#if>/>
                <#if messagesPerField.existsError('otp')>
                    <span id="input-error-otp" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('otp'))?no_esc}</span>
                </#if>
            </div>
        </div>
        <#if lowRecoveryCodes>
            <div class="${properties.kcFormGroupClass!} org-mfa-check">
                <input type="checkbox" id="regenerateRecoveryCodes" name="regenerateRecoveryCodes" value="on"/>
                <label for="regenerateRecoveryCodes">${msg("orgMfa.login.regenerate")}</label>
            </div>
        </#if>
        <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
            <button type="submit" id="kc-login" name="login" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("doLogIn")}</button>
        </div>
    </form>
    <form id="org-mfa-use-recovery-code-form" action="${url.loginAction}" method="post" class="org-mfa-alt">
        <button type="submit" id="org-mfa-use-recovery-code" name="useRecoveryCode" value="true" class="${properties.kcButtonClass!} pf-m-link pf-v5-c-button btn-link">${msg("orgMfa.login.useRecoveryCode")}</button>
    </form>
</#if>
</@layout.registrationLayout>
