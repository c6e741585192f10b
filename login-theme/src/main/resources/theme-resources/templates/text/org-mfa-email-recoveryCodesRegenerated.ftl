<#ftl output_format="plainText">
<#import "org-mfa-email.ftl" as orgMfa>
${msg("orgMfa.email.recoveryCodesRegenerated.body", orgMfaRealm)}

<@orgMfa.details/>

${msg("orgMfa.email.notYou")}
