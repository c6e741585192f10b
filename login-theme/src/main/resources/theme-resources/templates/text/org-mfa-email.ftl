<#ftl output_format="plainText">
<#-- Shared parts of the org-mfa e-mails (plain text); see html/org-mfa-email.ftl. -->
<#macro details>
${msg("orgMfa.email.account")}: ${orgMfaRealm}
${msg("orgMfa.email.time")}: ${orgMfaTime}
<#if orgMfaBrowser?has_content>${msg("orgMfa.email.browser")}: ${orgMfaBrowser}
</#if><#if orgMfaIpAddress?has_content>${msg("orgMfa.email.ipAddress")}: ${orgMfaIpAddress}
</#if></#macro>
