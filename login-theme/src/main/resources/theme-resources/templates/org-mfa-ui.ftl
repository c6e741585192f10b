<#--
  Building blocks shared by the org-mfa-*.ftl screens: form fields, buttons, notices.

  They use nothing from the login theme but its kc* properties (theme.properties) and the
  registrationLayout of its template.ftl, so the screens look native in keycloak.v2 (PatternFly 5,
  Keycloak 26's default login theme) and still work in themes derived from the older "keycloak" theme.
  A theme can override this file, or any single screen, by shipping a template of the same name.
-->

<#-- keycloak.v2 wraps every input in a span that carries kcInputClass (a PatternFly 5 form control);
     the older theme puts kcInputClass on the input itself. Only the former defines kcFormControlUtilClass. -->
<#assign wrapInputs = (properties.kcFormControlUtilClass!"")?has_content>

<#macro styles>
    <link rel="stylesheet" href="${url.resourcesPath}/org-mfa/org-mfa.css"/>
</#macro>

<#-- A labelled one-line text input with optional help text and the field's error from messagesPerField.
     A field with an error takes the focus (org-mfa.js also scrolls it into view), and its error is part
     of its description, so a screen reader reads the error with the field. errorId keeps the ids Keycloak's own screens use (input-error-...), which tests and themes look for. -->
<#macro textField name label errorId help="" helpId="" required=false showRequired=false autocomplete="off"
        inputmode="" pattern="" maxlength=0 autofocus=false autocapitalize="" spellcheck=true>
    <#local error = messagesPerField.existsError(name)>
    <#local describedBy = [] + helpId?has_content?then([helpId], []) + error?then([errorId], [])>
    <div class="${properties.kcFormGroupClass!} org-mfa-field">
        <div class="${properties.kcLabelWrapperClass!} ${properties.kcFormGroupLabelClass!}">
            <label for="${name}" class="${properties.kcLabelClass!}">
                <span class="${properties.kcFormLabelTextClass!}">${label}</span><#if required || showRequired><span class="${properties.kcInputRequiredClass!} org-mfa-required" aria-hidden="true">&#42;</span></#if>
            </label>
        </div>
        <div class="${properties.kcInputWrapperClass!}">
            <#if wrapInputs><span class="${properties.kcInputClass!}<#if error> ${properties.kcError!}</#if>"></#if>
            <input type="text" id="${name}" name="${name}"<#if !wrapInputs> class="${properties.kcInputClass!}"</#if>
                   autocomplete="${autocomplete}"<#if inputmode?has_content> inputmode="${inputmode}"</#if><#if pattern?has_content> pattern="${pattern}"</#if><#if maxlength gt 0> maxlength="${maxlength?c}"</#if><#if autocapitalize?has_content> autocapitalize="${autocapitalize}"</#if><#if !spellcheck> spellcheck="false"</#if><#if required> required aria-required="true"</#if><#if autofocus || error> autofocus</#if>
                   <#if describedBy?has_content>aria-describedby="${describedBy?join(" ")}"</#if> aria-invalid="${error?c}"/>
            <#if wrapInputs>
                <#if error>
                    <span class="${properties.kcFormControlUtilClass!}"><span class="${properties.kcInputErrorIconStatusClass!}"><i class="${properties.kcInputErrorIconClass!}" aria-hidden="true"></i></span></span>
                </#if>
            </span>
            </#if>
            <#if help?has_content>
                <div class="${properties.kcFormHelperTextClass!}">
                    <span id="${helpId}" class="${properties.kcInputHelperTextItemTextClass!} ${properties.kcInputHelperTextAfterClass!} org-mfa-help">${help}</span>
                </div>
            </#if>
            <#if error>
                <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                    <div class="${properties.kcInputHelperTextClass!}">
                        <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}">
                            <span id="${errorId}" class="${properties.kcInputErrorMessageClass!}">${messagesPerField.get(name)}</span>
                        </div>
                    </div>
                </div>
            </#if>
        </div>
    </div>
</#macro>

<#-- A checkbox with its label beside it; the error of the field (if any) below. -->
<#macro checkbox name label errorId="" required=false id="" value="on" checked=false help="" helpId="">
    <#local error = messagesPerField.existsError(name)>
    <#local inputId = id?has_content?then(id, name)>
    <#local describedBy = [] + helpId?has_content?then([helpId], []) + error?then([errorId], [])>
    <div class="${properties.kcFormGroupClass!} org-mfa-field">
        <div class="${properties.kcCheckboxClass!(properties.kcCheckClass!"")} org-mfa-check">
            <input type="checkbox" id="${inputId}" name="${name}" value="${value}" class="${properties.kcCheckboxInputClass!(properties.kcCheckInputClass!"")}"<#if required> required aria-required="true"</#if><#if checked> checked</#if>
                   <#if describedBy?has_content>aria-describedby="${describedBy?join(" ")}"</#if> aria-invalid="${error?c}"/>
            <label for="${inputId}" class="${properties.kcCheckboxLabelClass!(properties.kcCheckLabelClass!"")}">${label}</label>
        </div>
        <#if help?has_content><p id="${helpId}" class="org-mfa-help org-mfa-check-help">${help}</p></#if>
        <#if error>
            <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
                <div class="${properties.kcInputHelperTextClass!}">
                    <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}">
                        <span id="${errorId}" class="${properties.kcInputErrorMessageClass!}">${messagesPerField.get(name)}</span>
                    </div>
                </div>
            </div>
        </#if>
    </div>
</#macro>

<#-- The row of buttons that ends a form. -->
<#macro actions>
    <div id="kc-form-buttons" class="${properties.kcFormGroupClass!} ${properties.kcFormButtonsClass!} org-mfa-actions">
        <div class="${properties.kcFormActionGroupClass!}">
            <#nested>
        </div>
    </div>
</#macro>

<#macro primaryButton id label name="" value="">
    <button type="submit" id="${id}"<#if name?has_content> name="${name}"</#if><#if value?has_content> value="${value}"</#if>
            class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${label}</button>
</#macro>

<#-- kcButtonSecondaryClass in keycloak.v2, kcButtonDefaultClass in the older theme. -->
<#macro secondaryButton id label name="" value="" type="submit" block=true formnovalidate=false>
    <button type="${type}" id="${id}"<#if name?has_content> name="${name}"</#if><#if value?has_content> value="${value}"</#if><#if formnovalidate> formnovalidate</#if>
            class="${properties.kcButtonClass!} ${properties.kcButtonSecondaryClass!} ${properties.kcButtonDefaultClass!}<#if block> ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}</#if>">${label}</button>
</#macro>

<#-- A form of its own that posts one flag (e.g. useRecoveryCode=true), shown as a link. -->
<#macro linkForm formId buttonId name label>
    <form id="${formId}" action="${url.loginAction}" method="post" class="org-mfa-alt">
        <button type="submit" id="${buttonId}" name="${name}" value="true"
                class="${properties.kcButtonClass!} ${properties.kcButtonLinkClass!"pf-m-link"} org-mfa-link-button">${label}</button>
    </form>
</#macro>

<#-- "Can't use either?": whom to ask when neither the authenticator app nor a recovery code works.
     orgMfaSupportText/orgMfaSupportHref come from the organization's mfa.support-contact (or the realm's);
     only mailto: and https: values arrive with an href, so no other scheme ever becomes a link. -->
<#macro cantUseEither>
    <details id="org-mfa-cant-use-either" class="org-mfa-manual org-mfa-cant-use-either">
        <summary id="org-mfa-cant-use-either-toggle">${msg("orgMfa.help.cantUseEither")}</summary>
        <#if orgMfaSupportText??>
            <p>${msg("orgMfa.help.contactSupport")}</p>
            <p id="org-mfa-support-contact" class="org-mfa-support-contact"><#if orgMfaSupportHref?has_content><a href="${orgMfaSupportHref}" rel="noopener noreferrer">${orgMfaSupportText}</a><#else>${orgMfaSupportText}</#if></p>
        <#else>
            <p id="org-mfa-support-contact">${msg("orgMfa.help.contactAdministrator")}</p>
        </#if>
    </details>
</#macro>

<#-- An inline notice; type is info or warning (PatternFly's pf-m-* modifiers, the same in PF 4 and 5).
     The older theme names no icon or description class; its own template.ftl writes PatternFly 4's. -->
<#macro notice id type title="" role="status">
    <div id="${id}" class="${properties.kcAlertClass!} pf-m-${type} org-mfa-notice" role="${role}">
        <div class="${properties.kcAlertIconClass!"pf-c-alert__icon"}">
            <span class="<#if type == "warning">${properties.kcFeedbackWarningIcon!}<#elseif type == "success">${properties.kcFeedbackSuccessIcon!}<#else>${properties.kcFeedbackInfoIcon!}</#if>" aria-hidden="true"></span>
        </div>
        <#if title?has_content>
            <p class="${properties.kcAlertTitleClass!}">${title}</p>
            <div class="${properties.kcAlertDescriptionClass!"pf-c-alert__description"}"><#nested></div>
        <#else>
            <div class="${properties.kcAlertTitleClass!}"><#nested></div>
        </#if>
    </div>
</#macro>
