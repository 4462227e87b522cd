/*
 * The quote picker of the admin (sources/templates/admin/sources/quote_picker.html).
 *
 * Selecting words in a source's body fills a quote's text with exactly those characters and its
 * start offset; typing or pasting the words shows where they occur and fills the start when
 * there is one place, or offers the places when there are several. Offsets are in Unicode code
 * points, as Python counts them. Nothing here decides what is verbatim: the server's Quote model
 * checks every save.
 *
 * Three places use it: a source's page (mode "inline": a selection fills a new row of its
 * quotes), the quote form (mode "form") and an incident's "A claim from the text" (mode
 * "claim": a selection fills the panel's words). Outside the inline, the picker's element names
 * its text, start and source fields (data-text-id...), and the body follows the chosen source.
 */
(function () {
  "use strict";

  var MAX_CHOICES = 20;

  function toCodePoints(body, units) {
    return Array.from(body.slice(0, units)).length;
  }

  function toUnits(body, codePoints) {
    var units = 0;
    var count = 0;
    for (var ch of body) {
      if (count === codePoints) {
        break;
      }
      units += ch.length;
      count += 1;
    }
    return units;
  }

  function occurrences(body, text) {
    var found = [];
    if (!text) {
      return found;
    }
    var at = body.indexOf(text);
    while (at !== -1) {
      found.push(at);
      at = body.indexOf(text, at + 1);
    }
    return found;
  }

  // The offset, in UTF-16 units of the body, of a DOM position inside the pane.
  function unitOffset(pane, node, offset) {
    var range = document.createRange();
    range.setStart(pane, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function rangeOfUnits(pane, start, end) {
    var walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    var seen = 0;
    var started = false;
    var node;
    while ((node = walker.nextNode())) {
      var length = node.data.length;
      if (!started && start <= seen + length) {
        range.setStart(node, start - seen);
        started = true;
      }
      if (started && end <= seen + length) {
        range.setEnd(node, end - seen);
        return range;
      }
      seen += length;
    }
    return null;
  }

  function showInPane(pane, startUnits, endUnits) {
    var range = rangeOfUnits(pane, startUnits, endUnits);
    if (!range) {
      return;
    }
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var box = range.getBoundingClientRect();
    var paneBox = pane.getBoundingClientRect();
    pane.scrollTop += box.top - paneBox.top - pane.clientHeight / 3;
  }

  // Draw a body fetched as JSON: text nodes hold it character for character.
  function renderBody(pane, body, spans, current) {
    pane.textContent = "";
    var chars = Array.from(body);
    var cuts = [0, chars.length];
    spans.forEach(function (span) {
      cuts.push(span[1], span[2]);
    });
    cuts = Array.from(new Set(cuts)).sort(function (a, b) {
      return a - b;
    });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var from = cuts[i];
      var to = cuts[i + 1];
      var text = document.createTextNode(chars.slice(from, to).join(""));
      var covering = spans
        .filter(function (span) {
          return span[1] <= from && to <= span[2];
        })
        .map(function (span) {
          return span[0];
        });
      if (covering.length) {
        var mark = document.createElement("mark");
        mark.className = covering.indexOf(current) === -1 ? "quote" : "quote current";
        mark.dataset.quotes = covering.join(" ");
        mark.appendChild(text);
        pane.appendChild(mark);
      } else {
        pane.appendChild(text);
      }
    }
  }

  function formFields(ids) {
    var text = document.getElementById(ids.text);
    var start = document.getElementById(ids.start);
    return text && start ? { text: text, start: start } : null;
  }

  function rowFields(row) {
    var text = row.querySelector('textarea[name$="-text"]');
    var start = row.querySelector('input[name$="-start"]');
    return text && start ? { text: text, start: start } : null;
  }

  // The first new, still empty quote row of the source's inline; one is added if none is.
  function emptyInlineRow() {
    var group = document.getElementById("quotes-group");
    if (!group) {
      return null;
    }
    function firstEmpty() {
      var rows = group.querySelectorAll(".form-row:not(.empty-form)");
      for (var i = 0; i < rows.length; i++) {
        var id = rows[i].querySelector('input[name$="-id"]');
        var fields = rowFields(rows[i]);
        if (fields && !(id && id.value) && !fields.text.value) {
          return fields;
        }
      }
      return null;
    }
    var fields = firstEmpty();
    if (!fields) {
      var add = group.querySelector(".add-row a");
      if (add) {
        add.click();
        fields = firstEmpty();
      }
    }
    return fields;
  }

  function hintFor(textarea) {
    var hint = textarea.parentNode.querySelector(".quote-picker-hint");
    if (!hint) {
      hint = document.createElement("div");
      hint.className = "quote-picker-hint help";
      hint.setAttribute("aria-live", "polite");
      textarea.insertAdjacentElement("afterend", hint);
    }
    return hint;
  }

  function Picker(element) {
    this.element = element;
    this.pane = element.querySelector(".quote-picker-body");
    this.empty = element.querySelector(".quote-picker-empty");
    this.status = element.querySelector(".quote-picker-status");
    this.inline = element.dataset.mode === "inline";
    this.ids = {
      text: element.dataset.textId || "id_text",
      start: element.dataset.startId || "id_start",
      source: element.dataset.sourceId || "id_source",
    };
    this.saveNote =
      element.dataset.mode === "claim"
        ? "Say below what they claim, then create the quote and the claim."
        : "Save to keep it.";
    var picker = this;
    ["mouseup", "keyup"].forEach(function (type) {
      picker.pane.addEventListener(type, function () {
        picker.takeSelection();
      });
    });
    document.addEventListener("input", function (event) {
      var fields = picker.fieldsOf(event.target);
      if (fields) {
        picker.locate(fields);
      }
    });
    this.followSource();
    this.scrollToCurrent();
  }

  Picker.prototype.body = function () {
    return this.pane.hidden ? "" : this.pane.textContent;
  };

  Picker.prototype.fieldsOf = function (target) {
    if (!(target instanceof HTMLTextAreaElement)) {
      return null;
    }
    if (this.inline) {
      var row = target.closest("#quotes-group .form-row");
      return row && target.name.endsWith("-text") ? rowFields(row) : null;
    }
    return target.id === this.ids.text ? formFields(this.ids) : null;
  };

  Picker.prototype.takeSelection = function () {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!this.pane.contains(range.startContainer) || !this.pane.contains(range.endContainer)) {
      return;
    }
    var body = this.body();
    var from = unitOffset(this.pane, range.startContainer, range.startOffset);
    var to = unitOffset(this.pane, range.endContainer, range.endOffset);
    if (to <= from) {
      return;
    }
    var fields = this.inline ? emptyInlineRow() : formFields(this.ids);
    if (!fields) {
      return;
    }
    var start = toCodePoints(body, from);
    fields.text.value = body.slice(from, to);
    fields.start.value = String(start);
    hintFor(fields.text).textContent = "";
    this.status.textContent =
      "Selected characters " + start + " to " + toCodePoints(body, to) +
      ": the quote's text and start are filled in. " + this.saveNote;
  };

  Picker.prototype.locate = function (fields) {
    var body = this.body();
    var hint = hintFor(fields.text);
    var text = fields.text.value;
    hint.textContent = "";
    if (!text || !body) {
      return;
    }
    var found = occurrences(body, text);
    if (!found.length && text.indexOf("\n") !== -1) {
      text = text.replace(/\r?\n/g, "\r\n");
      found = occurrences(body, text);
    }
    var picker = this;
    var offsets = found.map(function (units) {
      return toCodePoints(body, units);
    });
    if (!offsets.length) {
      hint.textContent =
        "These words do not occur in the body: a quote must be the source's exact words.";
      return;
    }
    if (offsets.length === 1) {
      fields.start.value = String(offsets[0]);
      hint.textContent = "Found at character " + offsets[0] + ".";
      return;
    }
    if (offsets.indexOf(Number(fields.start.value)) === -1 || fields.start.value === "") {
      fields.start.value = "";
    }
    hint.appendChild(
      document.createTextNode("These words occur " + offsets.length + " times; choose one: ")
    );
    offsets.slice(0, MAX_CHOICES).forEach(function (offset, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = "at " + offset;
      button.addEventListener("click", function () {
        fields.start.value = String(offset);
        showInPane(picker.pane, found[index], found[index] + text.length);
      });
      hint.appendChild(button);
    });
  };

  // On the quote form, the body follows the source chosen in its autocomplete.
  Picker.prototype.followSource = function () {
    var url = this.element.dataset.bodyUrl;
    var jQuery = window.django && window.django.jQuery;
    if (this.inline || !url || !jQuery) {
      return;
    }
    var picker = this;
    var shown = this.element.dataset.source;
    var current = Number(this.element.dataset.current) || null;
    // Django's related-object links fire "change" once on load: only a new choice loads a body.
    jQuery(document.getElementById(this.ids.source)).on("change", function () {
      var id = this.value;
      if (id === shown) {
        return;
      }
      shown = id;
      if (!id) {
        picker.pane.hidden = true;
        picker.empty.hidden = false;
        return;
      }
      fetch(url + "?source=" + encodeURIComponent(id), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : Promise.reject(response.status);
        })
        .then(function (data) {
          if (String(data.id) !== shown) {
            return; // an answer for a source chosen before the last one
          }
          renderBody(picker.pane, data.body, data.quotes, current);
          picker.pane.hidden = !data.body;
          picker.empty.hidden = Boolean(data.body);
          picker.empty.textContent = "This source has no body, so nothing in it can be quoted.";
          var fields = formFields(picker.ids);
          if (fields && fields.text.value) {
            picker.locate(fields);
          }
        })
        .catch(function () {
          picker.status.textContent = "The source's body could not be loaded.";
        });
    });
  };

  Picker.prototype.scrollToCurrent = function () {
    var current = this.pane.querySelector("mark.current");
    if (current) {
      var box = current.getBoundingClientRect();
      var paneBox = this.pane.getBoundingClientRect();
      this.pane.scrollTop += box.top - paneBox.top - this.pane.clientHeight / 3;
    }
  };

  function start() {
    document.querySelectorAll(".quote-picker").forEach(function (element) {
      new Picker(element);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
