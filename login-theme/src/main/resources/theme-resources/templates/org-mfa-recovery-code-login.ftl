<#import "template.ftl" as layout>
<#import "org-mfa-ui.ftl" as ui>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('recoveryCode'); section>
<!-- template: org-mfa-recovery-code-login.ftl -->
<#if section = "header">
    ${msg("orgMfa.recoveryLogin.title")}
<#elseif section = "form">
    <@ui.styles/>
    <form id="org-mfa-recovery-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <@ui.textField name="recoveryCode" label=msg("orgMfa.recoveryLogin.code") errorId="input-error-recovery-code"
            autocomplete="off" autocapitalize="characters" spellcheck=false required=true autofocus=true
            help=msg("orgMfa.recoveryLogin.help") helpId="org-mfa-recovery-help"/>
        <@ui.actions>
            <@ui.primaryButton id="kc-login" name="login" label=msg("orgMfa.recoveryLogin.submit")/>
        </@ui.actions>
    </form>
    <@ui.linkForm formId="org-mfa-use-totp-form" buttonId="org-mfa-use-totp" name="useTotp"
        label=msg("orgMfa.recoveryLogin.useTotp")/>
    <@ui.cantUseEither/>
</#if>
</@layout.registrationLayout>
