package web

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
)

func testBundle(t testing.TB) *locale.Bundle {
	t.Helper()
	b, err := locale.Load()
	if err != nil {
		t.Fatalf("locale.Load: %v", err)
	}
	return b
}

func testPage(t testing.TB, lang string) Page {
	t.Helper()
	a, err := NewAssets()
	if err != nil {
		t.Fatalf("NewAssets: %v", err)
	}
	l := testBundle(t).For(lang)
	return Page{
		L: l, Lang: l.Lang(), Title: "Test", Assets: a,
		User:     &account.User{ID: "u1", DisplayName: "Fatima", Email: "fatima@example.nl"},
		WijkSlug: "oost", WijkName: "Oost",
		Nav: []NavItem{
			{Href: "/w/oost", Label: l.T("nav.home"), Current: true},
			{Href: "/w/oost/organisaties", Label: l.T("nav.organisations")},
		},
		CSRFToken: "tok123", RequestID: "req-42", Path: "/w/oost",
	}
}

// kitchenSink is a test page that uses every partial.
const kitchenSink = `{{template "layout" .}}
{{define "content"}}
<h1 class="utrecht-heading-1">{{.Title}}</h1>
{{template "errorsummary" .Summary}}
{{template "alert" .Alert}}
<form class="wei-form" method="post" action="/x" novalidate>
{{template "csrf" .CSRFToken}}
{{range .Fields}}{{template "field" .}}{{end}}
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{.L.T "common.save"}}</button>
</form>
<div class="wei-table-wrap" role="region" aria-label="t" tabindex="0">
<table class="utrecht-table utrecht-table--html-table"><caption class="utrecht-table__caption">{{.L.T "people.title"}}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">{{.L.T "people.col.name"}}</th><th class="utrecht-table__header-cell" scope="col">{{.L.T "people.col.since"}}</th></tr></thead>
<tbody class="utrecht-table__body"><tr class="utrecht-table__row"><td class="utrecht-table__cell">Fatima</td><td class="utrecht-table__cell"><time datetime="{{isodate .When}}">{{date .L .When}}</time></td></tr></tbody>
</table></div>
<dl class="wei-stats"><div class="wei-stat"><dt>{{.L.T "home.count.people"}}</dt><dd>{{number .L 12345}}</dd></div></dl>
{{end}}`

type kitchenPage struct {
	Page
	Summary *ErrorSummary
	Alert   Alert
	Fields  []Field
	When    time.Time
}

func kitchenFields(l *locale.Localizer) []Field {
	errs := map[string]string{"email": "error.email", "consent": "error.consent", "form": "error.choice"}
	return []Field{
		Field{Name: "display_name", Required: true, Autocomplete: "name", Value: `Fa "<b>"`}.Localize(l, "person.display_name", errs),
		Field{Name: "email", Type: "email", Autocomplete: "email", Value: "nope"}.Localize(l, "person.email", errs),
		Field{Name: "code", Inputmode: "numeric", Autocomplete: "one-time-code", Required: true}.Localize(l, "login.code.label", errs),
		Field{Name: "form", Type: "select", Required: true, Options: []Option{
			{Value: "", Label: l.T("common.choose")},
			{Value: "buurtbedrijf", Label: l.T("form.buurtbedrijf"), Selected: true},
		}}.Localize(l, "org.form", errs),
		Field{Name: "description", Type: "textarea", Value: "<script>x</script>"}.Localize(l, "org.description", errs),
		Field{Name: "consent", Type: "checkbox", Required: true}.Localize(l, "person.consent", errs),
		// Built without Localize, as a handler may do: CSS writes the prefix.
		{Name: "phone", Type: "tel", Label: "Telefoon", Error: "Vul een goed telefoonnummer in."},
	}
}

func testTemplates(t testing.TB, extra map[string]string) *Templates {
	t.Helper()
	sub, err := fs.Sub(templateFS, templateRoot)
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(sub, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range extra {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	tmpl, err := parseTemplates(m)
	if err != nil {
		t.Fatalf("parseTemplates: %v", err)
	}
	return tmpl
}

func render(t testing.TB, tmpl *Templates, name string, data any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := tmpl.Render(&buf, name, data); err != nil {
		t.Fatalf("Render(%s): %v", name, err)
	}
	return buf.String()
}

func TestParseTemplates(t *testing.T) {
	t.Parallel()
	tmpl, err := ParseTemplates()
	if err != nil {
		t.Fatalf("ParseTemplates: %v", err)
	}
	names := tmpl.Names()
	found := false
	for _, n := range names {
		if n == "error" {
			found = true
		}
		if strings.HasPrefix(n, "partials/") || n == "layout" {
			t.Errorf("%q parsed as a page", n)
		}
	}
	if !found {
		t.Errorf("Names()=%v, want it to hold \"error\"", names)
	}
}

func TestParseTemplatesFails(t *testing.T) {
	t.Parallel()
	bad := fstest.MapFS{
		"layout.html":       {Data: []byte(`{{define "layout"}}ok{{end}}`)},
		"partials/x.html":   {Data: []byte(`{{define "x"}}{{end}}`)},
		"broken.html":       {Data: []byte(`{{template "layout" .}}{{if}}`)},
		"partials/ok2.html": {Data: []byte(``)},
	}
	if _, err := parseTemplates(bad); err == nil {
		t.Error("parseTemplates of a broken page: got nil error")
	}
	badFunc := fstest.MapFS{
		"layout.html": {Data: []byte(`{{define "layout"}}{{nosuchfunc}}{{end}}`)},
	}
	if _, err := parseTemplates(badFunc); err == nil {
		t.Error("parseTemplates with an unknown function: got nil error")
	}
}

func TestRenderErrorPage(t *testing.T) {
	t.Parallel()
	tmpl := MustParseTemplates()
	tests := []struct {
		lang, skip, requestID, heading string
	}{
		{"nl", "Naar de inhoud", "Foutcode: req-42", "Pagina niet gevonden"},
		{"en", "Skip to content", "Error code: req-42", "Page not found"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			p := NewErrorPage(testPage(t, tt.lang), http.StatusNotFound)
			out := render(t, tmpl, "error.html", p)
			for _, want := range []string{
				`<!DOCTYPE html>`,
				`<html lang="` + tt.lang + `" class="wei-theme">`,
				`<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">` + tt.skip + `</a>`,
				`<main id="main" tabindex="-1"`,
				`<title>` + tt.heading + ` – Oost – WEI</title>`,
				`<h1 class="utrecht-heading-1">` + tt.heading + `</h1>`,
				tt.requestID,
				`<input type="hidden" name="csrf_token" value="tok123">`,
				`aria-current="page">`,
				`action="/uitloggen"`,
				`action="/taal"`,
				`<input type="hidden" name="next" value="/w/oost">`,
				`href="/w/oost"`,
				`<footer class="utrecht-page-footer`,
				`<nav class="wei-nav" aria-label="`,
			} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q", want)
				}
			}
			checkHTML(t, out)
		})
	}
}

func TestRenderSignedOut(t *testing.T) {
	t.Parallel()
	tmpl := MustParseTemplates()
	p := testPage(t, "nl")
	p.User, p.Nav, p.WijkName, p.WijkSlug, p.RequestID = nil, nil, "", "", ""
	out := render(t, tmpl, "error", NewErrorPage(p, http.StatusInternalServerError))
	if !strings.Contains(out, `href="/inloggen"`) {
		t.Error("signed-out page lacks the login link")
	}
	if strings.Contains(out, `action="/uitloggen"`) {
		t.Error("signed-out page has a logout form")
	}
	if strings.Contains(out, "<nav") {
		t.Error("page without Nav has a <nav>")
	}
	if strings.Contains(out, "Foutcode") {
		t.Error("page without request ID shows a Foutcode")
	}
	if !strings.Contains(out, `lang="en">English</button>`) {
		t.Error("Dutch page lacks the switch to English")
	}
	checkHTML(t, out)
}

func TestNewErrorPage(t *testing.T) {
	t.Parallel()
	b := testBundle(t)
	for _, lang := range b.Langs() {
		for _, status := range []int{400, 401, 403, 404, 405, 409, 429, 500, 503} {
			p := NewErrorPage(Page{L: b.For(lang)}, status)
			if p.Heading == "" || strings.HasPrefix(p.Heading, "error.") || strings.HasPrefix(p.Message, "error.") {
				t.Errorf("%s %d: Heading=%q Message=%q, want texts", lang, status, p.Heading, p.Message)
			}
			if p.Title != p.Heading || p.Status != status {
				t.Errorf("%s %d: Title=%q Status=%d", lang, status, p.Title, p.Status)
			}
		}
	}
}

func TestRenderKitchenSink(t *testing.T) {
	t.Parallel()
	tmpl := testTemplates(t, map[string]string{"kitchen.html": kitchenSink})
	for _, lang := range []string{"nl", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			p := testPage(t, lang)
			l := p.L
			fields := kitchenFields(l)
			data := kitchenPage{Page: p, Summary: NewErrorSummary(l, fields...), Alert: NewAlert(l, "warning", "Pas op."), Fields: fields,
				When: time.Date(2025, 3, 31, 22, 30, 0, 0, time.UTC)}
			out := render(t, tmpl, "kitchen", data)
			checkHTML(t, out)
			for _, want := range []string{
				`<a class="utrecht-link utrecht-link--html-a" href="#f-email">`,
				`<a class="utrecht-link utrecht-link--html-a" href="#f-consent">`,
				`<a class="utrecht-link utrecht-link--html-a" href="#f-phone">`,
				`id="f-email" name="email" value="nope" autocomplete="email" spellcheck="false" aria-invalid="true" aria-describedby="f-email-error">`,
				`id="f-code" name="code" value="" autocomplete="one-time-code" inputmode="numeric" aria-required="true" aria-describedby="f-code-hint">`,
				`<span class="wei-error-prefix">` + l.T("error.prefix") + `</span> ` + html.EscapeString(l.T("error.email")),
				`<span class="wei-error-prefix"></span> Vul een goed telefoonnummer in.`,
				`<option value="buurtbedrijf" selected>`,
				`type="checkbox" id="f-consent" name="consent" value="1" aria-required="true" aria-invalid="true" aria-describedby="f-consent-hint f-consent-error">`,
				`value="Fa &#34;&lt;b&gt;&#34;"`,
				`&lt;script&gt;x&lt;/script&gt;</textarea>`,
				`<span class="wei-optional">` + html.EscapeString(l.T("common.optional")) + `</span>`,
				`<time datetime="2025-04-01">` + l.Date(data.When) + `</time>`,
				`<span class="wei-alert__prefix">` + l.T("alert.warning") + `</span> Pas op.`,
				l.Number(12345),
			} {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q", want)
				}
			}
			if strings.Contains(out, `for="f-display_name">`+l.T("person.display_name")+` <span class="wei-optional">`) {
				t.Error("required field is marked optional")
			}
			if strings.Contains(out, "<script>") {
				t.Error("output has an unescaped <script>")
			}
		})
	}
}

func TestErrorSummaryNil(t *testing.T) {
	t.Parallel()
	l := testBundle(t).For("nl")
	if s := NewErrorSummary(l, Field{Name: "a"}, Field{Name: "b"}); s != nil {
		t.Errorf("NewErrorSummary without errors=%+v, want nil", s)
	}
	tmpl := testTemplates(t, map[string]string{"s.html": `[{{template "errorsummary" .}}]`})
	if got := render(t, tmpl, "s", (*ErrorSummary)(nil)); got != "[]" {
		t.Errorf("nil summary renders %q, want nothing", got)
	}
}

func TestFieldLocalizeHint(t *testing.T) {
	t.Parallel()
	l := testBundle(t).For("nl")
	tests := []struct {
		labelKey, hint string
	}{
		{"login.email.label", l.T("login.email.hint")}, // .label -> .hint
		{"person.display_name", l.T("person.display_name.hint")},
		{"person.email", ""}, // no hint key
	}
	for _, tt := range tests {
		f := Field{Name: "x"}.Localize(l, tt.labelKey, nil)
		if f.Hint != tt.hint {
			t.Errorf("Localize(%q).Hint=%q, want %q", tt.labelKey, f.Hint, tt.hint)
		}
		if f.Error != "" {
			t.Errorf("Localize(%q).Error=%q, want none", tt.labelKey, f.Error)
		}
	}
	if f := (Field{Name: "x", Hint: "own"}).Localize(l, "person.display_name", nil); f.Hint != "own" {
		t.Errorf("Localize overwrote a set hint: %q", f.Hint)
	}
}

func TestRenderWritesNothingOnError(t *testing.T) {
	t.Parallel()
	tmpl := testTemplates(t, map[string]string{"fails.html": `start {{.Missing.Deeper}} end`})
	var buf bytes.Buffer
	if err := tmpl.Render(&buf, "fails", struct{ Missing *struct{ Deeper string } }{}); err == nil {
		t.Error("Render: got nil error")
	}
	if buf.Len() != 0 {
		t.Errorf("Render wrote %q on error, want nothing", buf.String())
	}
	if err := tmpl.Render(&buf, "no-such-page", nil); err == nil {
		t.Error("Render of an unknown page: got nil error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("gone") }

func TestRenderReportsWriteError(t *testing.T) {
	t.Parallel()
	tmpl := MustParseTemplates()
	if err := tmpl.Render(failWriter{}, "error", NewErrorPage(testPage(t, "nl"), 404)); err == nil {
		t.Error("Render to a failing writer: got nil error")
	}
}

// TestTemplateLocaleKeys guards that no template asks for a missing text.
func TestTemplateLocaleKeys(t *testing.T) {
	t.Parallel()
	b := testBundle(t)
	re := regexp.MustCompile(`\bL\.T\s+"([^"]+)"`)
	n := 0
	err := fs.WalkDir(templateFS, templateRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			n++
			for _, lang := range b.Langs() {
				if !b.For(lang).Has(m[1]) {
					t.Errorf("%s: key %q missing in %s.json", p, m[1], lang)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("found no L.T calls: is the scan broken?")
	}
}

// TestTemplateAssets guards that every asset a template links exists.
func TestTemplateAssets(t *testing.T) {
	t.Parallel()
	a, err := NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`Assets\.URL\s+"([^"]+)"`)
	err = fs.WalkDir(templateFS, templateRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			if !a.Has(m[1]) {
				t.Errorf("%s links missing asset %q", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUtrechtClasses guards that the utrecht-* classes in our templates
// exist in the vendored component CSS, so an upgrade that renames one fails
// here rather than on a page.
func TestUtrechtClasses(t *testing.T) {
	t.Parallel()
	css, err := fs.ReadFile(staticFS, "static/vendor/utrecht/index.css")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`utrecht-[a-z0-9]+(?:-[a-z0-9]+)*(?:__[a-z0-9-]+)?(?:--[a-z0-9-]+)?`)
	err = fs.WalkDir(templateFS, templateRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return err
		}
		for _, c := range re.FindAllString(string(data), -1) {
			if !bytes.Contains(css, []byte("."+c)) {
				t.Errorf("%s uses class %q, not in the vendored CSS", p, c)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCSSFallbackTexts keeps the texts wei.css writes for a Field built
// without Localize in step with the locale files.
func TestCSSFallbackTexts(t *testing.T) {
	t.Parallel()
	css, err := fs.ReadFile(staticFS, "static/css/wei.css")
	if err != nil {
		t.Fatal(err)
	}
	b := testBundle(t)
	for _, lang := range b.Langs() {
		for _, key := range []string{"common.optional", "error.prefix"} {
			if want := `content: "` + b.For(lang).T(key) + `"`; !bytes.Contains(css, []byte(want)) {
				t.Errorf("wei.css lacks %s (%s %s)", want, lang, key)
			}
		}
	}
}

var (
	idRe    = regexp.MustCompile(`\sid="([^"]*)"`)
	forRe   = regexp.MustCompile(`\sfor="([^"]*)"`)
	descRe  = regexp.MustCompile(`\saria-describedby="([^"]*)"`)
	labelRe = regexp.MustCompile(`\saria-labelledby="([^"]*)"`)
	hrefRe  = regexp.MustCompile(`\shref="#([^"]+)"`)
	inputRe = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
)

// checkHTML does the structural checks a browser test would: unique ids,
// labels and ARIA references that point at existing ids, a label for every
// visible control, no leftover template output.
func checkHTML(t testing.TB, out string) {
	t.Helper()
	ids := map[string]int{}
	for _, m := range idRe.FindAllStringSubmatch(out, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q used %d times", id, n)
		}
		if id == "" || strings.ContainsAny(id, " \t") {
			t.Errorf("bad id %q", id)
		}
	}
	refs := func(re *regexp.Regexp, what string) {
		for _, m := range re.FindAllStringSubmatch(out, -1) {
			for id := range strings.FieldsSeq(m[1]) {
				if ids[id] == 0 {
					t.Errorf("%s refers to missing id %q", what, id)
				}
			}
		}
	}
	refs(forRe, "label for")
	refs(descRe, "aria-describedby")
	refs(labelRe, "aria-labelledby")
	refs(hrefRe, "link")
	labelled := map[string]bool{}
	for _, m := range forRe.FindAllStringSubmatch(out, -1) {
		labelled[m[1]] = true
	}
	for _, tag := range inputRe.FindAllString(out, -1) {
		if strings.Contains(tag, `type="hidden"`) {
			continue
		}
		m := idRe.FindStringSubmatch(tag)
		if m == nil || !labelled[m[1]] {
			t.Errorf("control without a label: %s", tag)
		}
	}
	for _, bad := range []string{"%!", "<no value>", "ZgotmplZ", "[]"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	if strings.Count(out, "<main") != 1 || strings.Count(out, "<h1") != 1 {
		t.Errorf("want exactly one <main> and one <h1>")
	}
}

// axeSamples are the pages TestAxe checks: every template and partial, in
// both languages, signed in and out.
func axeSamples(t testing.TB) map[string]any {
	t.Helper()
	out := map[string]any{}
	for _, lang := range []string{"nl", "en"} {
		p := testPage(t, lang)
		out["error-404-"+lang] = NewErrorPage(p, http.StatusNotFound)
		anon := p
		anon.User, anon.Flash = nil, p.L.T("flash.logged_out")
		out["error-500-anon-"+lang] = NewErrorPage(anon, http.StatusInternalServerError)
		fields := kitchenFields(p.L)
		out["kitchen-"+lang] = kitchenPage{Page: p, Summary: NewErrorSummary(p.L, fields...),
			Alert: NewAlert(p.L, "info", "Info."), Fields: fields, When: time.Now()}
	}
	return out
}

// TestAxe runs axe-core in headless Chromium over the sample pages and fails
// on serious or critical violations. It needs WEI_AXE_JS, the path of
// axe.min.js (npm pack axe-core), and chromium on PATH (or WEI_CHROMIUM).
// With WEI_RENDER_DIR set it also writes the pages there, e.g. for the Nu
// Html Checker: java -jar vnu.jar --skip-non-html $WEI_RENDER_DIR.
func TestAxe(t *testing.T) {
	axeJS := os.Getenv("WEI_AXE_JS")
	if axeJS == "" {
		t.Skip("WEI_AXE_JS not set: the path of axe.min.js from the axe-core npm package")
	}
	chromium := cmp.Or(os.Getenv("WEI_CHROMIUM"), "chromium")
	if _, err := exec.LookPath(chromium); err != nil {
		t.Skipf("no %s: %v", chromium, err)
	}
	axe, err := os.ReadFile(axeJS)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := testTemplates(t, map[string]string{"kitchen.html": kitchenSink})
	assets, err := NewAssets()
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string][]byte{}
	for name, data := range axeSamples(t) {
		var buf bytes.Buffer
		page := "error"
		if strings.HasPrefix(name, "kitchen") {
			page = "kitchen"
		}
		if err := tmpl.Render(&buf, page, data); err != nil {
			t.Fatalf("render %s: %v", name, err)
		}
		pages[name] = buf.Bytes()
		if dir := os.Getenv("WEI_RENDER_DIR"); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, name+".html"), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	const runner = `<script src="/axe.js"></script><script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
  .then(function (r) { var p = document.createElement("pre"); p.id = "axe-result";
    p.textContent = JSON.stringify(r.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.html; })}; }));
    document.body.appendChild(p); })
  .catch(function (e) { var p = document.createElement("pre"); p.id = "axe-result"; p.textContent = "ERROR " + e; document.body.appendChild(p); });
</script></body>`
	mux := http.NewServeMux()
	mux.Handle("GET /static/", assets.Handler())
	mux.HandleFunc("GET /axe.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(axe)
	})
	mux.HandleFunc("GET /page/{name}", func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.PathValue("name")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(bytes.Replace(body, []byte("</body>"), []byte(runner), 1))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	resultRe := regexp.MustCompile(`(?s)<pre id="axe-result">(.*?)</pre>`)
	for name := range pages {
		for _, size := range []string{"1280,900", "360,740"} {
			t.Run(name+"@"+size, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
				defer cancel()
				cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
					"--user-data-dir="+t.TempDir(), "--window-size="+size,
					"--virtual-time-budget=20000", "--dump-dom", srv.URL+"/page/"+name)
				dom, err := cmd.Output()
				if err != nil {
					t.Fatalf("chromium: %v", err)
				}
				m := resultRe.FindSubmatch(dom)
				if m == nil {
					t.Fatalf("no axe result in the page")
				}
				var violations []struct {
					ID, Impact, Help string
					Nodes            []string
				}
				if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &violations); err != nil {
					t.Fatalf("axe: %s", m[1])
				}
				for _, v := range violations {
					msg := fmt.Sprintf("%s (%s): %s %v", v.ID, v.Impact, v.Help, v.Nodes)
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Error(msg)
					} else {
						t.Log(msg)
					}
				}
			})
		}
	}
}
