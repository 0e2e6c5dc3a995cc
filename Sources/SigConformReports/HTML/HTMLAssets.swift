import SigConformMAC

/// The report page's style sheet and script, inlined so the file is self-contained: it opens
/// from a CI artifact or a mail attachment with no network. Its Content-Security-Policy
/// forbids loading anything else and allows exactly this style sheet and this script, by the
/// SHA-256 of each element's text: no other inline script, event handler attribute,
/// `javascript:` URL or style attribute runs, even if hostile text got past the escaping.
enum HTMLAssets {
    static let contentSecurityPolicy = "default-src 'none'; style-src \(hashSource(styleElement)); script-src \(hashSource(scriptElement)); "
        + "img-src data:; base-uri 'none'; form-action 'none'"

    /// The text of the `<style>` and `<script>` elements, exactly as written (the hashes cover these bytes).
    static let styleElement = "\n\(style)\n"
    static let scriptElement = "\n\(script)\n"

    /// `'sha256-…'` of `text`'s UTF-8, the CSP source that allows an inline element with that text.
    static func hashSource(_ text: String) -> String {
        let digest = (try? PureSwiftBackend().digest(.sha256, Array(text.utf8))) ?? []
        return "'sha256-\(Base64.encode(digest))'"
    }

    static let style = """
        :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
          --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --known: #6e7781; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: var(--bg); }
        header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
        header { border-bottom: 1px solid var(--line); }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h1 .verdict-pass { color: var(--pass); } h1 .verdict-fail { color: var(--fail); }
        h2 { font-size: 17px; margin: 24px 0 8px; }
        .meta { color: var(--muted); margin: 0 0 12px; }
        .counts { display: flex; gap: 12px; flex-wrap: wrap; }
        .count { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; }
        .count b { display: block; font-size: 20px; }
        .count.passed b { color: var(--pass); } .count.failed b { color: var(--fail); } .count.error b { color: var(--error); }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child, td.left { text-align: left; }
        th { color: var(--muted); font-weight: 600; }
        .chips span { display: inline-block; background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 1px 8px; margin: 2px; }
        #filters { position: sticky; top: 0; background: var(--bg); padding: 8px 0; border-bottom: 1px solid var(--line); display: flex; gap: 12px; flex-wrap: wrap; align-items: center; z-index: 1; }
        #filters label { color: var(--muted); }
        #filters select, #filters input { font: inherit; padding: 2px 4px; }
        details.vector { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
        details.vector > summary { cursor: pointer; padding: 6px 10px; list-style-position: inside; }
        details.vector[open] > summary { border-bottom: 1px solid var(--line); background: var(--panel); }
        .vector .body { padding: 6px 14px 12px; }
        div.vector.row { padding: 3px 10px; border-bottom: 1px solid var(--line); }
        div.vector.row .where { color: var(--muted); margin-left: 8px; }
        .badge { display: inline-block; min-width: 54px; text-align: center; border-radius: 4px; color: #fff; font-size: 12px; font-weight: 600; padding: 0 6px; margin-right: 6px; }
        .badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); } .badge.error { background: var(--error); } .badge.known { background: var(--known); }
        .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; }
        .classes { margin-left: 6px; } .classes.failed { color: var(--fail); } .classes.passed { color: var(--pass); } .classes.error { color: var(--error); }
        .problem { color: var(--muted); margin-left: 6px; }
        td.passed { color: var(--pass); } td.failed { color: var(--fail); } td.error { color: var(--error); }
        .note-pass { border-left: 3px solid var(--pass); padding: 2px 8px; }
        details.group { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
        details.group > summary { cursor: pointer; padding: 6px 10px; }
        details.group .body { padding: 0 14px 8px; } .members a { margin-right: 8px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .fix { background: #dafbe1; border-left: 3px solid var(--pass); padding: 4px 8px; margin: 6px 0; }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
        pre { background: var(--panel); padding: 6px 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
        .bytediff { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; background: var(--panel); }
        .diffrow { display: flex; gap: 8px; align-items: baseline; }
        .diffrow .side { color: var(--muted); width: 56px; flex: none; }
        .bytes { white-space: pre-wrap; word-break: break-all; line-height: 1.9; }
        .bytes span, .bytes mark { border-bottom: 3px solid transparent; }
        .b-changed { background: #ffebe9; outline: 1px solid #ff818266; }
        mark.b-first { background: #cf222e; color: #fff; font-weight: 700; }
        .ctl { color: #8250df; } .sp { background-image: linear-gradient(transparent 60%, #d0d7de 60%); }
        .empty { color: var(--muted); font-style: italic; }
        .diffnote { margin: 6px 0 2px; } .legend span { border-bottom: 3px solid; padding: 0 4px; margin-right: 4px; font-size: 12px; }
        .c-method { border-bottom-color: #0969da !important; } .c-path { border-bottom-color: #8250df !important; }
        .c-query { border-bottom-color: #bf8700 !important; } .c-body { border-bottom-color: #1a7f37 !important; }
        .c-host { border-bottom-color: #57606a !important; } .c-timestamp { border-bottom-color: #e16f24 !important; }
        .c-nonce { border-bottom-color: #e16f24 !important; } .c-key { border-bottom-color: #bc4c00 !important; }
        .c-passphrase { border-bottom-color: #a40e26 !important; } .c-recvWindow { border-bottom-color: #4d2d00 !important; }
        .c-header { border-bottom-color: #3e1f79 !important; } .c-literal { border-bottom-color: #afb8c1 !important; }
        .c-digest { border-bottom-color: #116329 !important; }
        dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
        dl.kv dt { color: var(--muted); } dl.kv dd { margin: 0; word-break: break-all; }
        ul { margin: 4px 0; padding-left: 20px; }
        .muted { color: var(--muted); }
        [hidden] { display: none !important; }
        """

    /// Filters the vector list by venue, diagnosis class, result and id text, and keeps the
    /// choice in the URL fragment so a link reproduces the view.
    static let script = """
        (function () {
          var venue = document.getElementById('f-venue');
          var klass = document.getElementById('f-class');
          var result = document.getElementById('f-result');
          var search = document.getElementById('f-search');
          var count = document.getElementById('f-count');
          var vectors = Array.prototype.slice.call(document.querySelectorAll('.vector'));
          function has(list, value) { return (' ' + list + ' ').indexOf(' ' + value + ' ') >= 0; }
          function apply() {
            var shown = 0, q = search.value.trim().toLowerCase();
            vectors.forEach(function (el) {
              var ok = (!venue.value || el.dataset.venue === venue.value)
                && (!klass.value || has(el.dataset.classes, klass.value))
                && (!result.value || has(el.dataset.result, result.value))
                && (!q || el.dataset.id.toLowerCase().indexOf(q) >= 0);
              el.hidden = !ok;
              if (ok) { shown += 1; }
            });
            count.textContent = shown + ' of ' + vectors.length + ' vectors';
            var state = [venue.value, klass.value, result.value, q].map(encodeURIComponent).join('/');
            if (history.replaceState) { history.replaceState(null, '', state === '///' ? ' ' : '#' + state); }
          }
          var saved = location.hash.slice(1).split('/').map(decodeURIComponent);
          if (saved.length === 4) { venue.value = saved[0]; klass.value = saved[1]; result.value = saved[2]; search.value = saved[3]; }
          [venue, klass, result].forEach(function (el) { el.addEventListener('change', apply); });
          search.addEventListener('input', apply);
          // A failure group's member link: show and open the member's card, whatever the filters.
          document.addEventListener('click', function (event) {
            var link = event.target.closest ? event.target.closest('.members a') : null;
            if (!link) { return; }
            var card = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
            if (card) { card.hidden = false; card.open = true; }
          });
          apply();
        })();
        """
}
