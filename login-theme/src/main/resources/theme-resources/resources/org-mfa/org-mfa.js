/*
 * Org MFA screens: copy, download and print for the recovery codes and the manual key, local
 * dates, and the focus on a field in error. Everything runs in the page: no request leaves the browser. The buttons these wire up are
 * hidden in the HTML and only shown here, so without script there is no button that does nothing.
 * Texts come from data-* attributes the templates fill from the message bundles.
 */
(function () {
    "use strict";

    function byId(id) {
        return document.getElementById(id);
    }

    function say(status, text) {
        if (status) {
            status.textContent = text || "";
        }
    }

    /** Clipboard API where the browser allows it, else a hidden textarea and execCommand. */
    function copyText(text, done) {
        var fallback = function () {
            var area = document.createElement("textarea");
            var ok = false;
            area.value = text;
            area.setAttribute("readonly", "");
            area.style.position = "fixed";
            area.style.top = "0";
            area.style.opacity = "0";
            document.body.appendChild(area);
            area.select();
            try {
                ok = document.execCommand("copy");
            } catch (e) {
                ok = false;
            }
            document.body.removeChild(area);
            done(ok);
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        } else {
            fallback();
        }
    }

    /** The recovery codes as a text file: who they belong to, then one numbered code a line. */
    function codesText(list) {
        var codes = Array.prototype.map.call(list.querySelectorAll("li"), function (li) {
            return li.textContent.trim();
        });
        var width = String(codes.length).length;
        var lines = codes.map(function (code, i) {
            var number = String(i + 1);
            while (number.length < width) {
                number = " " + number;
            }
            return number + ". " + code;
        });
        return list.getAttribute("data-file-header") + "\n\n" + lines.join("\n") + "\n";
    }

    function safeName(text) {
        return (text || "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
    }

    /** recovery-codes-<realm>-<user>.txt, so several accounts' files do not overwrite each other. */
    function fileName(list) {
        var parts = ["recovery-codes", safeName(list.getAttribute("data-realm")), safeName(list.getAttribute("data-account"))];
        return parts.filter(function (part) { return part; }).join("-") + ".txt";
    }

    /**
     * Continue stays disabled until the codes were copied, downloaded or printed (which ticks the box)
     * or the box was ticked. Without script the button works and the server still requires the box.
     */
    function wireContinue() {
        var box = byId("acknowledged");
        var submit = byId("org-mfa-recovery-codes-submit");
        if (!box || !submit) {
            return;
        }
        var update = function () {
            submit.disabled = !box.checked;
        };
        box.addEventListener("change", update);
        update();
        return function saved() {
            box.checked = true;
            update();
        };
    }

    function download(name, text) {
        var blob = new Blob([text], { type: "text/plain;charset=utf-8" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name;
        link.style.display = "none";
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    }

    function wireKeyCopy() {
        var buttons = document.querySelectorAll("[data-org-mfa-copy]");
        Array.prototype.forEach.call(buttons, function (button) {
            var source = byId(button.getAttribute("data-org-mfa-copy"));
            var status = byId(button.getAttribute("data-org-mfa-status"));
            if (!source) {
                return;
            }
            button.hidden = false;
            button.addEventListener("click", function () {
                var text = source.textContent;
                if (button.getAttribute("data-org-mfa-format") === "key") {
                    text = text.replace(/\s+/g, "");
                }
                copyText(text, function (ok) {
                    say(status, button.getAttribute(ok ? "data-copied" : "data-failed"));
                });
            });
        });
    }

    function wireRecoveryCodes() {
        var list = byId("org-mfa-recovery-codes");
        var actions = byId("org-mfa-code-actions");
        var status = byId("org-mfa-copied");
        if (!list || !actions) {
            return;
        }
        actions.hidden = false;
        var saved = wireContinue() || function () {};
        byId("org-mfa-copy").addEventListener("click", function () {
            copyText(codesText(list), function (ok) {
                say(status, status.getAttribute(ok ? "data-copied" : "data-failed"));
                if (ok) {
                    saved();
                }
            });
        });
        byId("org-mfa-download").addEventListener("click", function () {
            download(fileName(list), codesText(list));
            say(status, status.getAttribute("data-downloaded"));
            saved();
        });
        byId("org-mfa-print").addEventListener("click", function () {
            say(status, "");
            window.print();
            saved();
        });
    }

    /**
     * A copy of the codes and whose they are as the body's last child, the only thing the print
     * style shows: so printing (the button or the browser's own command) gives one clean page.
     */
    function preparePrint() {
        var area = byId("org-mfa-print-area");
        if (!area || byId("org-mfa-print-copy")) {
            return;
        }
        var copy = document.createElement("div");
        copy.id = "org-mfa-print-copy";
        copy.setAttribute("aria-hidden", "true");
        Array.prototype.forEach.call(area.children, function (child) {
            var clone = child.cloneNode(true);
            clone.removeAttribute("id");
            copy.appendChild(clone);
        });
        document.body.appendChild(copy);
        document.documentElement.classList.add("org-mfa-print-ready");
    }

    /** <time data-org-mfa-epoch="millis">: the server writes an ISO date, the browser its own way of writing it. */
    function localDates() {
        var lang = document.documentElement.getAttribute("lang") || undefined;
        Array.prototype.forEach.call(document.querySelectorAll("time[data-org-mfa-epoch]"), function (time) {
            var date = new Date(Number(time.getAttribute("data-org-mfa-epoch")));
            try {
                time.textContent = date.toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
            } catch (e) {
                // keep the ISO date the server wrote
            }
        });
    }

    /**
     * After a rejected submit the field in error may be far below the fold (the setup screen's code
     * field is under the QR code and the key): bring it to the middle of the screen and focus it, so
     * the user sees it and a screen reader reads it with its error (aria-describedby).
     */
    function focusFieldInError() {
        var field = document.querySelector("form input[aria-invalid='true']");
        if (!field) {
            return;
        }
        if (field.scrollIntoView) {
            field.scrollIntoView({ block: "center" });
        }
        field.focus({ preventScroll: true });
    }

    function start() {
        focusFieldInError();
        wireKeyCopy();
        wireRecoveryCodes();
        preparePrint();
        localDates();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
