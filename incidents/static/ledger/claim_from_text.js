"use strict";
// "A claim from the text" on an incident's page (incidents/admin_claims.py): the claim's fields
// follow its kind, and "Create quote and claim" posts the panel's own form in the background,
// so that a refusal comes back in the panel and nothing typed on the page is lost. Once the
// claim is made the page reloads to show its row, unless the incident's form holds unsaved
// edits: then the panel says so, and the row shows on the next save.
(function () {
    function showKind(panel, kind) {
        for (const group of panel.querySelectorAll("[data-claim-kind]")) {
            group.hidden = group.dataset.claimKind !== kind;
        }
    }

    function say(status, text, failed) {
        status.textContent = text;
        status.classList.toggle("errornote", Boolean(failed));
    }

    document.addEventListener("DOMContentLoaded", function () {
        const panel = document.getElementById("claim-from-text");
        const form = panel && document.getElementById(panel.dataset.form);
        if (!form) {
            return;
        }
        const kind = form.elements.namedItem("claim-claim");
        const status = panel.querySelector(".claim-from-text-status");
        showKind(panel, kind.value);
        kind.addEventListener("change", function () {
            showKind(panel, kind.value);
        });
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            const button = document.getElementById("claim-from-text-create");
            button.disabled = true;
            say(status, "Creating…", false);
            fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { Accept: "application/json" },
            })
                .then(function (response) {
                    const type = response.headers.get("Content-Type") || "";
                    if (!type.startsWith("application/json")) {
                        // A login page after an expired session, or a refused CSRF token.
                        return {
                            ok: false,
                            answer: {
                                message:
                                    "Nothing was created: the server did not answer the panel " +
                                    "(has the session expired?). Reload the page and try again.",
                            },
                        };
                    }
                    return response.json().then(function (answer) {
                        return { ok: response.ok, answer: answer };
                    });
                })
                .then(function (result) {
                    if (!result.ok) {
                        say(status, result.answer.message, true);
                        return;
                    }
                    const page = document.querySelector("#content-main form[id$='_form']");
                    if (page && page.ledgerHasUnsavedEdits && page.ledgerHasUnsavedEdits()) {
                        say(status, result.answer.message + " Save the page to see it listed.", false);
                        return;
                    }
                    say(status, result.answer.message, false);
                    window.location.reload();
                })
                .catch(function () {
                    say(status, "The server could not be reached: nothing was created.", true);
                })
                .finally(function () {
                    button.disabled = false;
                });
        });
    });
})();
