<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
<!-- template: org-mfa-grace-notice.ftl -->
<#if section = "header">
    ${msg("orgMfa.grace.title")}
<#elseif section = "form">
    <link rel="stylesheet" href="${url.resourcesPath}/org-mfa/org-mfa.css"/>
    <div id="org-mfa-grace" class="${properties.kcAlertClass!} pf-m-info" role="status">
        <p>${msg("orgMfa.grace.daysLeft", graceDaysLeft)}</p>
    </div>
    <p>${msg("orgMfa.grace.explain")}</p>
    <form id="org-mfa-grace-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
            <button type="submit" id="org-mfa-enroll-now" name="enrollNow" value="true" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("orgMfa.grace.enrollNow")}</button>
            <button type="submit" id="org-mfa-enroll-later" name="enrollLater" value="true" class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("orgMfa.grace.later")}</button>
        </div>
    </form>
</#if>
</@layout.registrationLayout>
