"use strict";
// A curated record's page warns before leaving it with unsaved edits: its form is compared,
// field by field, with the form as the page loaded. Submitting the form itself (Save, or a
// workflow button, which saves first) leaves without a warning. A row added to an inline
// and left as it came (its defaults) is not an edit, as Django does not save it either.
(function () {
    function fields(form) {
        const values = new Map();
        for (const [name, value] of new FormData(form)) {
            if (typeof value !== "string" || name.endsWith("-TOTAL_FORMS")) {
                continue;
            }
            values.set(name, (values.get(name) || []).concat([value]));
        }
        return values;
    }

    function atDefault(element) {
        if (element.type === "checkbox" || element.type === "radio") {
            return element.checked === element.defaultChecked;
        }
        if (element.tagName === "SELECT") {
            const options = Array.from(element.options);
            const chosen = options.filter((option) => option.defaultSelected);
            if (chosen.length === 0 && !element.multiple) {
                return element.selectedIndex <= 0;
            }
            return options.every((option) => option.selected === option.defaultSelected);
        }
        return element.value === element.defaultValue;
    }

    function edited(form, loaded) {
        const now = fields(form);
        for (const name of new Set([...loaded.keys(), ...now.keys()])) {
            if (name.endsWith("-TOTAL_FORMS")) {
                continue;
            }
            if (loaded.has(name)) {
                if ((loaded.get(name) || []).join("\u0000") !== (now.get(name) || []).join("\u0000")) {
                    return true;
                }
                continue;
            }
            // A field the page did not have: a row added since. An edit if not at its default.
            for (const element of form.elements) {
                if (element.name === name && !atDefault(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    document.addEventListener("DOMContentLoaded", function () {
        const form = document.querySelector("#content-main form[id$='_form'][method='post']");
        if (!form) {
            return;
        }
        const loaded = fields(form);
        let leaving = false;
        form.addEventListener("submit", function () {
            leaving = true;
        });
        window.addEventListener("beforeunload", function (event) {
            if (!leaving && edited(form, loaded)) {
                event.preventDefault();
                event.returnValue = "";
            }
        });
        form.dataset.ledgerUnsavedWarning = "on";
        // Whether leaving now would lose edits (a background write may then skip its reload).
        form.ledgerHasUnsavedEdits = function () {
            return edited(form, loaded);
        };
    });
})();
