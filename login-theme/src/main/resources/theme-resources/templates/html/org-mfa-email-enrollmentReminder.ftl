<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("orgMfa.email.enrollmentReminder.body", orgMfaRealm, orgMfaDaysLeft, orgMfaDeadline)}</p>
<p>${msg("orgMfa.email.enrollmentReminder.how")}</p>
</@layout.emailLayout>
