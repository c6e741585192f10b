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
    <#-- No number goes to msg, ever: Keycloak 26.4 hands FreeMarker's number models to MessageFormat
         unconverted ("Cannot format given Object as a Number" for {0,choice}), 26.5+ unwraps them.
         So the plural is picked here and the count passed as a string (?c), alike on every line. -->
    <#if graceDaysLeft < 1>
        <#assign daysLeftText = msg("orgMfa.grace.lessThanADayLeft")>
    <#elseif graceDaysLeft == 1>
        <#assign daysLeftText = msg("orgMfa.grace.oneDayLeft")>
    <#else>
        <#assign daysLeftText = msg("orgMfa.grace.daysLeft", graceDaysLeft?c)>
    </#if>
    <@ui.notice id="org-mfa-grace" type="info" title=daysLeftText>
        <#if orgMfaRequiredBy?has_content><p id="org-mfa-required-by">${msg("orgMfa.grace.requiredBy", orgMfaRequiredBy)}</p></#if>
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
