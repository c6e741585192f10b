<#import "template.ftl" as layout>
<#import "org-mfa-email.ftl" as orgMfa>
<@layout.emailLayout>
<p>${msg("orgMfa.email.factorsReset.body", orgMfaRealm)}</p>
<p>${msg("orgMfa.email.factorsReset.next")}</p>
<@orgMfa.details/>
<p><#if orgMfaSupportContact?has_content>${msg("orgMfa.email.factorsReset.unexpectedContact", orgMfaSupportContact)}<#else>${msg("orgMfa.email.factorsReset.unexpected")}</#if></p>
</@layout.emailLayout>
