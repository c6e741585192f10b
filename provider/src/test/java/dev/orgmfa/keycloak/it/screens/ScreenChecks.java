package dev.orgmfa.keycloak.it.screens;

/** Scripts the screen tests run in the page to judge layout and accessibility as a person would. */
final class ScreenChecks {

    private ScreenChecks() {}

    /** How a test names an element in a failure message. */
    private static final String DESCRIBE = """
            function describe(e) {
              if (e.id) { return '#' + e.id; }
              var text = (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
              return e.tagName.toLowerCase() + (e.getAttribute('name') ? '[name=' + e.getAttribute('name') + ']' : '')
                  + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                  + (text ? ' "' + text + '"' : '');
            }
            function visible(e) {
              var style = getComputedStyle(e);
              return e.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none';
            }
            """;

    static final String DESCRIBE_ACTIVE_ELEMENT = DESCRIBE + "return describe(document.activeElement);";

    /** Elements of the sign-in card that stick out of it (or out of the viewport). */
    static final String ELEMENTS_WIDER_THAN_CARD = DESCRIBE + """
            var card = document.querySelector('main') || document.querySelector('.card-pf') || document.body;
            var viewport = document.documentElement.clientWidth;
            // When the page scrolls sideways, report whatever sticks out of the viewport, in the card or not.
            var sideways = document.documentElement.scrollWidth > viewport;
            var box = card.getBoundingClientRect();
            var left = sideways ? 0 : box.left, right = sideways ? viewport : Math.min(box.right, viewport);
            var out = [];
            (sideways ? document.body : card).querySelectorAll('*').forEach(function (e) {
              if (e.closest('select') || e.getClientRects().length === 0) { return; }
              if (!visible(e) && !sideways) { return; }
              var r = e.getBoundingClientRect();
              if (r.width === 0 || r.height === 0) { return; }
              if (r.right > right + 1 || r.left < left - 1) {
                out.push(describe(e) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + Math.round(left) + '..' + Math.round(right));
              }
            });
            return out;
            """;

    /** Visible inputs, selects, text areas and buttons without an accessible name. */
    static final String UNLABELLED_CONTROLS = DESCRIBE + """
            function name(e) {
              if (e.getAttribute('aria-label')) { return e.getAttribute('aria-label'); }
              var by = e.getAttribute('aria-labelledby');
              if (by) {
                return by.split(/\\s+/).map(function (id) { var l = document.getElementById(id); return l ? l.textContent : ''; }).join(' ');
              }
              if (e.labels && e.labels.length) {
                return Array.prototype.map.call(e.labels, function (l) { return l.textContent; }).join(' ');
              }
              if (e.tagName === 'BUTTON' || e.tagName === 'SUMMARY' || e.tagName === 'A') { return e.textContent; }
              if (e.type === 'submit' || e.type === 'button') { return e.value; }
              return e.getAttribute('title') || '';
            }
            var out = [];
            document.querySelectorAll('input, select, textarea, button, summary, a[href]').forEach(function (e) {
              if (e.type === 'hidden' || !visible(e)) { return; }
              // keycloak.v2's own read-only username box (its label points at another id): the theme's, not ours
              if (e.id === 'kc-attempted-username') { return; }
              if (!name(e).trim()) { out.push(describe(e)); }
            });
            return out;
            """;

    /**
     * Text in the sign-in card whose colour on its background is below WCAG AA: 4.5:1, or 3:1 for
     * large text (24px, or 18.66px bold).
     */
    static final String LOW_CONTRAST_TEXT = DESCRIBE + """
            function parse(c) {
              var m = c.match(/rgba?\\(([^)]+)\\)/);
              if (!m) { return null; }
              var p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(parseFloat);
              return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
            }
            function over(top, bottom) {
              var a = top.a + bottom.a * (1 - top.a);
              if (a === 0) { return { r: 0, g: 0, b: 0, a: 0 }; }
              return { r: (top.r * top.a + bottom.r * bottom.a * (1 - top.a)) / a,
                       g: (top.g * top.a + bottom.g * bottom.a * (1 - top.a)) / a,
                       b: (top.b * top.a + bottom.b * bottom.a * (1 - top.a)) / a, a: a };
            }
            function background(e) {
              var layers = [];
              for (var n = e; n && n.nodeType === 1; n = n.parentElement) {
                var c = parse(getComputedStyle(n).backgroundColor);
                if (c && c.a > 0) { layers.push(c); if (c.a >= 1) { break; } }
              }
              var bg = { r: 255, g: 255, b: 255, a: 1 };
              for (var i = layers.length - 1; i >= 0; i--) { bg = over(layers[i], bg); }
              return bg;
            }
            function luminance(c) {
              function ch(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
              return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
            }
            var card = document.querySelector('main') || document.querySelector('.card-pf') || document.body;
            var out = [];
            card.querySelectorAll('*').forEach(function (e) {
              if (!visible(e) || e.closest('select') || e.closest('[aria-hidden=true]')) { return; }
              // WCAG 1.4.3 exempts inactive controls (a disabled button).
              if (e.closest('button:disabled, input:disabled')) { return; }
              var own = Array.prototype.some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
              if (!own) { return; }
              var style = getComputedStyle(e);
              var fg = parse(style.color);
              if (!fg) { return; }
              var bg = background(e);
              fg = over(fg, bg);
              var l1 = luminance(fg), l2 = luminance(bg);
              var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
              var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
              var needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
              if (ratio < needed) {
                out.push(describe(e) + ' ' + ratio.toFixed(2) + ':1 (' + style.color + ' on rgb(' + Math.round(bg.r) + ','
                    + Math.round(bg.g) + ',' + Math.round(bg.b) + '))');
              }
            });
            return out;
            """;
}
