<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('recoveryCode'); section>
<!-- template: org-mfa-recovery-code-login.ftl -->
<#if section = "header">
    ${msg("orgMfa.recoveryLogin.title")}
<#elseif section = "form">
    <link rel="stylesheet" href="${url.resourcesPath}/org-mfa/org-mfa.css"/>
    <p id="org-mfa-recovery-help">${msg("orgMfa.recoveryLogin.help")}</p>
    <form id="org-mfa-recovery-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <div class="${properties.kcFormGroupClass!}">
            <div class="${properties.kcLabelWrapperClass!}">
                <label for="recoveryCode" class="${properties.kcLabelClass!}">${msg("orgMfa.recoveryLogin.code")}</label>
            </div>
            <div class="${properties.kcInputWrapperClass!}">
                <input id="recoveryCode" name="recoveryCode" type="text" class="${properties.kcInputClass!}" autofocus
                       autocomplete="off" autocapitalize="characters" spellcheck="false"
                       aria-describedby="org-mfa-recovery-help<#if messagesPerField.existsError('recoveryCode')> input-error-recovery-code</#if>"
                       aria-invalid="<#if messagesPerField.existsError('recoveryCode')>true</#if>"/>
                <#if messagesPerField.existsError('recoveryCode')>
                    <span id="input-error-recovery-code" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('recoveryCode'))?no_esc}</span>
                </#if>
            </div>
        </div>
        <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
            <button type="submit" id="kc-login" name="login" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("doLogIn")}</button>
        </div>
    </form>
    <form id="org-mfa-use-totp-form" action="${url.loginAction}" method="post" class="org-mfa-alt">
        <button type="submit" id="org-mfa-use-totp" name="useTotp" value="true" class="${properties.kcButtonClass!} pf-m-link pf-v5-c-button btn-link">${msg("orgMfa.recoveryLogin.useTotp")}</button>
    </form>
</#if>
</@layout.registrationLayout>
