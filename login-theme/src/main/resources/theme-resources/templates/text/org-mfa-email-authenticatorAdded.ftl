<#ftl output_format="plainText">
<#import "org-mfa-email.ftl" as orgMfa>
${msg("orgMfa.email.authenticatorAdded.body", orgMfaRealm)}

<@orgMfa.details/>

${msg("orgMfa.email.notYou")}
