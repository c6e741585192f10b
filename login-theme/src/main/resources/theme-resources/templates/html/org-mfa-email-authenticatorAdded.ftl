<#import "template.ftl" as layout>
<#import "org-mfa-email.ftl" as orgMfa>
<@layout.emailLayout>
<p>${msg("orgMfa.email.authenticatorAdded.body", orgMfaRealm)}</p>
<@orgMfa.details/>
<@orgMfa.notYou/>
</@layout.emailLayout>
