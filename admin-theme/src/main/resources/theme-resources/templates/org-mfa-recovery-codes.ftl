<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('acknowledged'); section>
<!-- template: org-mfa-recovery-codes.ftl -->
<#if section = "header">
    ${msg("orgMfa.recoveryCodes.title")}
<#elseif section = "form">
    <link rel="stylesheet" href="${url.resourcesPath}/org-mfa/org-mfa.css"/>
    <div class="${properties.kcAlertClass!} pf-m-warning org-mfa-warning" role="note">
        <p class="${properties.kcAlertTitleClass!}">${msg("orgMfa.recoveryCodes.warningTitle")}</p>
        <p>${msg("orgMfa.recoveryCodes.warning")}</p>
    </div>
    <ol id="org-mfa-recovery-codes" class="org-mfa-codes" aria-label="${msg("orgMfa.recoveryCodes.listLabel")}"
        data-realm="${orgMfaRealm}" data-account="${orgMfaAccount}">
        <#list orgMfaRecoveryCodes as code><li><code>${code}</code></li></#list>
    </ol>
    <div class="org-mfa-code-actions" role="group" aria-label="${msg("orgMfa.recoveryCodes.actionsLabel")}">
        <button type="button" id="org-mfa-copy" class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!}">${msg("orgMfa.recoveryCodes.copy")}</button>
        <button type="button" id="org-mfa-download" class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!}">${msg("orgMfa.recoveryCodes.download")}</button>
        <button type="button" id="org-mfa-print" class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!}">${msg("orgMfa.recoveryCodes.print")}</button>
        <span id="org-mfa-copied" class="org-mfa-help" role="status" aria-live="polite"></span>
    </div>
    <form id="org-mfa-recovery-codes-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
        <div class="${properties.kcFormGroupClass!}">
            <div class="org-mfa-check">
                <input type="checkbox" id="acknowledged" name="acknowledged" value="on" required
                       aria-invalid="<#if messagesPerField.existsError('acknowledged')>true</#if>"/>
                <label for="acknowledged">${msg("orgMfa.recoveryCodes.acknowledge")}</label>
            </div>
            <#if messagesPerField.existsError('acknowledged')>
                <span id="input-error-acknowledged" class="${properties.kcInputErrorMessageClass!}" aria-live="polite">${kcSanitize(messagesPerField.get('acknowledged'))?no_esc}</span>
            </#if>
        </div>
        <div id="kc-form-buttons" class="${properties.kcFormButtonsClass!}">
            <button type="submit" id="org-mfa-recovery-codes-submit" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("orgMfa.recoveryCodes.continue")}</button>
            <#if isAppInitiatedAction??>
                <button type="submit" name="cancel-aia" value="true" id="org-mfa-recovery-codes-cancel" class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("doCancel")}</button>
            </#if>
        </div>
    </form>
    <script type="text/javascript">
        <#outputformat "JavaScript">
        (function () {
            var list = document.getElementById("org-mfa-recovery-codes");
            var codes = Array.prototype.map.call(list.querySelectorAll("li"), function (li) { return li.textContent.trim(); });
            var header = ${msg("orgMfa.recoveryCodes.fileHeader", orgMfaRealm, orgMfaAccount)?c};
            var text = header + "\n\n" + codes.map(function (c, i) { return (i + 1) + ". " + c; }).join("\n") + "\n";
            var status = document.getElementById("org-mfa-copied");
            document.getElementById("org-mfa-copy").addEventListener("click", function () {
                var done = function () { status.textContent = ${msg("orgMfa.recoveryCodes.copied")?c}; };
                if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(text).then(done);
                } else {
                    var area = document.createElement("textarea");
                    area.value = text; document.body.appendChild(area); area.select();
                    document.execCommand("copy"); document.body.removeChild(area); done();
                }
            });
            document.getElementById("org-mfa-download").addEventListener("click", function () {
                var link = document.createElement("a");
                link.href = URL.createObjectURL(new Blob([text], {type: "text/plain"}));
                link.download = "recovery-codes.txt";
                document.body.appendChild(link); link.click(); document.body.removeChild(link);
            });
            document.getElementById("org-mfa-print").addEventListener("click", function () { window.print(); });
        })();
        </#outputformat>
    </script>
</#if>
</@layout.registrationLayout>
