<#ftl output_format="plainText">
<#import "org-mfa-email.ftl" as orgMfa>
${msg("orgMfa.email.factorsReset.body", orgMfaRealm)}
${msg("orgMfa.email.factorsReset.next")}

<@orgMfa.details/>

<#if orgMfaSupportContact?has_content>${msg("orgMfa.email.factorsReset.unexpectedContact", orgMfaSupportContact)}<#else>${msg("orgMfa.email.factorsReset.unexpected")}</#if>
