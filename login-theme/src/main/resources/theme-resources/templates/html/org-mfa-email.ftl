<#--
  Shared parts of the org-mfa e-mails (HTML). Values come from the extension (realm, time, browser,
  IP address, support contact) and are escaped by FreeMarker; no e-mail carries a code, a secret or a
  sign-in link. A theme overrides any org-mfa-email-*.ftl by shipping a file of the same name under
  its email theme's html/ or text/ folder.
-->
<#macro details>
<table role="presentation" style="border-collapse:collapse;margin:12px 0">
  <tr><td style="padding:2px 12px 2px 0;color:#555">${msg("orgMfa.email.account")}</td><td>${orgMfaRealm}</td></tr>
  <tr><td style="padding:2px 12px 2px 0;color:#555">${msg("orgMfa.email.time")}</td><td>${orgMfaTime}</td></tr>
  <#if orgMfaBrowser?has_content><tr><td style="padding:2px 12px 2px 0;color:#555">${msg("orgMfa.email.browser")}</td><td>${orgMfaBrowser}</td></tr></#if>
  <#if orgMfaIpAddress?has_content><tr><td style="padding:2px 12px 2px 0;color:#555">${msg("orgMfa.email.ipAddress")}</td><td>${orgMfaIpAddress}</td></tr></#if>
</table>
</#macro>

<#macro notYou>
<p>${msg("orgMfa.email.notYou")}</p>
</#macro>
