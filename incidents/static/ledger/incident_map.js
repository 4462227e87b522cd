"use strict";
// The incident page's map: the point of the Latitude and Longitude fields, and a click on the
// map sets them. Tiles come from the URL the server is configured with (data-tiles); when none
// is set or they cannot be fetched, the map still shows the point on a blank background and
// says so, with the coordinates.
document.addEventListener("DOMContentLoaded", function () {
    const box = document.getElementById("ledger-map");
    if (!box || !window.L) {
        return;
    }
    // The form's fields where the page may change the incident; else the stored point.
    const editable = Boolean(document.getElementById("id_latitude"));
    const latitude = document.getElementById("id_latitude") || { value: box.dataset.latitude };
    const longitude = document.getElementById("id_longitude") || { value: box.dataset.longitude };
    const note = document.getElementById("ledger-map-note");
    const map = L.map(box, { worldCopyJump: true });
    let marker = null;
    let tilesFailed = !box.dataset.tiles;
    let tilesLoaded = 0;
    let clicked = false;

    function point() {
        const lat = parseFloat(latitude.value);
        const lon = parseFloat(longitude.value);
        return Number.isFinite(lat) && Number.isFinite(lon) ? [lat, lon] : null;
    }

    function describe() {
        const at = point();
        const where = at ? `${at[0]}, ${at[1]}` : "no coordinates yet";
        const how = editable ? " Click the map to set the point." : "";
        if (tilesFailed && !tilesLoaded) {
            note.textContent = `Map tiles unavailable: the point is ${where}.${how}`;
            box.classList.add("ledger-map-offline");
        } else {
            note.textContent = `Point: ${where}.${how}`;
            box.classList.remove("ledger-map-offline");
        }
    }

    function show(move) {
        const at = point();
        if (at && marker) {
            marker.setLatLng(at);
        } else if (at) {
            marker = L.circleMarker(at, { radius: 8, weight: 2 }).addTo(map);
        } else if (marker) {
            map.removeLayer(marker);
            marker = null;
        }
        if (move) {
            if (at) {
                map.setView(at, Math.max(map.getZoom() || 0, 9));
            } else {
                map.setView([30, 30], 2);
            }
        }
        describe();
    }

    if (box.dataset.tiles) {
        const layer = L.tileLayer(box.dataset.tiles, {
            attribution: box.dataset.attribution || "",
            maxZoom: 18,
        });
        layer.on("tileerror", function () {
            tilesFailed = true;
            describe();
        });
        layer.on("tileload", function () {
            tilesLoaded += 1;
            describe();
        });
        layer.addTo(map);
    }
    if (editable) {
        map.on("click", function (event) {
            const at = event.latlng.wrap();
            latitude.value = at.lat.toFixed(4);
            longitude.value = at.lng.toFixed(4);
            clicked = true;  // the map stays where the editor clicked
            for (const field of [latitude, longitude]) {
                field.dispatchEvent(new Event("change", { bubbles: true }));
            }
            clicked = false;
            show(false);
        });
        for (const field of [latitude, longitude]) {
            field.addEventListener("change", function () {
                show(!clicked);
            });
        }
    }
    show(true);
    box.dataset.ready = "yes";
});
