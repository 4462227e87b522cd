"use strict";
// The Sub-type list offers only the sub-types of the chosen Type (ACLED's pairs, which the
// database enforces too); a sub-type of another type is cleared when the type changes.
document.addEventListener("DOMContentLoaded", function () {
    const type = document.getElementById("id_type");
    const subType = document.getElementById("id_sub_type");
    if (!type || !subType || !subType.dataset.byType) {
        return;
    }
    const byType = JSON.parse(subType.dataset.byType);

    function narrow() {
        const allowed = byType[type.value];
        for (const option of subType.options) {
            const shown = !option.value || !allowed || allowed.includes(option.value);
            option.hidden = !shown;
            option.disabled = !shown;
        }
        if (subType.selectedOptions.length && subType.selectedOptions[0].disabled) {
            subType.value = "";
        }
    }

    type.addEventListener("change", narrow);
    narrow();
});
