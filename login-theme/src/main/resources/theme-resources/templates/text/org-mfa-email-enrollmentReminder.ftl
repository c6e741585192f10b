<#ftl output_format="plainText">
${msg("orgMfa.email.enrollmentReminder.body", orgMfaRealm, orgMfaDaysLeft, orgMfaDeadline)}

${msg("orgMfa.email.enrollmentReminder.how")}
