<#import "template.ftl" as layout>
<#import "org-mfa-ui.ftl" as ui>
<@layout.registrationLayout; section>
<!-- template: org-mfa-grace-notice.ftl -->
<#if section = "header">
    ${msg("orgMfa.grace.title")}
<#elseif section = "form">
    <@ui.styles/>
    <#-- The server writes the date in ISO form (UTC); org-mfa.js rewrites it in the page's language. -->
    <#assign enrollByDate = enrollBy?number_to_datetime>
    <@ui.notice id="org-mfa-grace" type="info" title=msg("orgMfa.grace.daysLeft", graceDaysLeft)>
        <p>${msg("orgMfa.grace.deadline")} <time id="org-mfa-enroll-by" datetime="${enrollByDate?iso_utc}" data-org-mfa-epoch="${enrollBy?c}">${(enrollByDate?iso_utc)[0..9]}</time></p>
    </@ui.notice>
    <p id="org-mfa-grace-explain" class="org-mfa-intro">${msg("orgMfa.grace.explain")}</p>
    <form id="org-mfa-grace-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <@ui.actions>
            <@ui.primaryButton id="org-mfa-enroll-now" name="enrollNow" value="true" label=msg("orgMfa.grace.enrollNow")/>
            <@ui.secondaryButton id="org-mfa-enroll-later" name="enrollLater" value="true" label=msg("orgMfa.grace.later")/>
        </@ui.actions>
    </form>
    <script src="${url.resourcesPath}/org-mfa/org-mfa.js" defer></script>
</#if>
</@layout.registrationLayout>
