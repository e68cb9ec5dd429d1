package locale

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/wijk"
)

func mustLoad(t testing.TB) *Bundle {
	t.Helper()
	b, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return b
}

func TestLoadLanguages(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	if got, want := b.Langs(), []string{"nl", "en"}; !slices.Equal(got, want) {
		t.Errorf("Langs()=%v, want %v", got, want)
	}
}

// TestSameKeys guards that every text exists in both languages.
func TestSameKeys(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	nl, en := b.For("nl"), b.For("en")
	for _, k := range nl.Keys() {
		if !en.Has(k) {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for _, k := range en.Keys() {
		if !nl.Has(k) {
			t.Errorf("nl.json lacks %q", k)
		}
	}
}

var verbRe = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestSameVerbs guards that a text takes the same arguments in both
// languages, so T(key, args...) formats alike.
func TestSameVerbs(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	nl, en := b.For("nl"), b.For("en")
	for _, k := range nl.Keys() {
		vn := verbRe.FindAllString(nl.T(k), -1)
		ve := verbRe.FindAllString(en.T(k), -1)
		if !slices.Equal(vn, ve) {
			t.Errorf("%q: verbs nl=%v en=%v", k, vn, ve)
		}
	}
}

func TestKeysWellFormed(t *testing.T) {
	t.Parallel()
	keyRe := regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)
	b := mustLoad(t)
	for _, lang := range b.Langs() {
		l := b.For(lang)
		for _, k := range l.Keys() {
			if !keyRe.MatchString(k) {
				t.Errorf("%s: key %q is not dotted lower case", lang, k)
			}
			if strings.TrimSpace(l.T(k)) == "" {
				t.Errorf("%s: key %q has an empty text", lang, k)
			}
		}
	}
}

// TestTemplateKeys guards that every key a template asks for with
// .L.T "key" exists. It scans the templates of the web package.
func TestTemplateKeys(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	keys := templateKeys(t, filepath.Join("..", "web", "templates"))
	if len(keys) == 0 {
		t.Fatal("found no keys in the templates: is the scan broken?")
	}
	for _, k := range keys {
		for _, lang := range b.Langs() {
			if !b.For(lang).Has(k) {
				t.Errorf("%s.json lacks %q, used in a template", lang, k)
			}
		}
	}
}

// templateKeys returns the keys used as `L.T "key"` in the .html files
// under dir.
func templateKeys(t testing.TB, dir string) []string {
	t.Helper()
	re := regexp.MustCompile(`\bL\.T\s+"([^"]+)"`)
	var keys []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			keys = append(keys, m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatalf("scan %s: %v", dir, err)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// TestDomainKeys guards that every enum of the domain has a text, so pages
// can show them with T("form." + string(f)).
func TestDomainKeys(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	var keys []string
	for _, f := range wijk.Forms {
		keys = append(keys, "form."+string(f))
	}
	for _, d := range wijk.Domains {
		keys = append(keys, "domain."+string(d))
	}
	for _, r := range wijk.MemberRoles {
		keys = append(keys, "member."+string(r))
	}
	for _, r := range account.Roles {
		keys = append(keys, "role."+string(r))
	}
	for m := 1; m <= 12; m++ {
		keys = append(keys, "month."+strconv.Itoa(m))
	}
	for _, k := range keys {
		for _, lang := range b.Langs() {
			if !b.For(lang).Has(k) {
				t.Errorf("%s.json lacks %q", lang, k)
			}
		}
	}
}

// TestFieldErrorKeys guards the locale keys that the domain's Validate
// methods and the login flow return.
func TestFieldErrorKeys(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	keys := []string{"error.required", "error.email", "error.name", "error.phone", "error.consent",
		"error.choice", "error.too_long", "error.date", "error.date_order", "error.slug",
		"error.cbs_wijk_code", "error.cbs_year", "error.cbs_buurt_code", "error.password_short",
		"error.form", "error.code_wrong", "error.link_expired", "error.login_failed",
		"error.too_many_attempts", "error.csrf"}
	for _, k := range keys {
		for _, lang := range b.Langs() {
			l := b.For(lang)
			if !l.Has(k) {
				t.Errorf("%s.json lacks %q", lang, k)
			}
			if verbRe.MatchString(l.T(k)) {
				t.Errorf("%s %q takes arguments; field errors are shown with T(key) alone", lang, k)
			}
		}
	}
	min := strconv.Itoa(account.MinPasswordLength)
	for _, lang := range b.Langs() {
		if got := b.For(lang).T("error.password_short"); !strings.Contains(got, min) {
			t.Errorf("%s error.password_short=%q, want it to say %s", lang, got, min)
		}
	}
	if got, want := b.For("nl").T("error.form"), "Niet alles is goed ingevuld. Kijk naar de velden met een melding."; got != want {
		t.Errorf("nl error.form=%q, want %q", got, want)
	}
}

func TestT(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	nl, en := b.For("nl"), b.For("en")
	tests := []struct {
		name string
		l    *Localizer
		key  string
		args []any
		want string
	}{
		{"plain", nl, "skip.main", nil, "Naar de inhoud"},
		{"english", en, "skip.main", nil, "Skip to content"},
		{"args", nl, "error.request_id", []any{"abc123"}, "Foutcode: abc123"},
		{"missing key", nl, "no.such.key", nil, "no.such.key"},
		{"missing key with args", nl, "no.such.key", []any{1}, "no.such.key"},
		{"nil localizer", nil, "skip.main", nil, "skip.main"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.T(tt.key, tt.args...); got != tt.want {
				t.Errorf("T(%q)=%q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

func TestFor(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	tests := []struct{ in, want string }{
		{"nl", "nl"}, {"en", "en"}, {"EN", "en"}, {"en-GB", "en"}, {"nl-BE", "nl"},
		{"fr", "nl"}, {"", "nl"}, {"../etc", "nl"},
	}
	for _, tt := range tests {
		if got := b.For(tt.in).Lang(); got != tt.want {
			t.Errorf("For(%q).Lang()=%q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	tests := []struct{ in, want string }{
		{"", "nl"},
		{"en", "en"},
		{"en-GB,en;q=0.9,nl;q=0.8", "en"},
		{"nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl"},
		{"de-DE,de;q=0.9,en;q=0.5", "en"},
		{"fr, de", "nl"},
		{"*", "nl"},
		{"en;q=0", "nl"},
		{"en;q=0.3, nl;q=0.7", "nl"},
		{"en;q=bogus, nl;q=0.1", "nl"},
		{" EN-us ; q=1 ", "en"},
	}
	for _, tt := range tests {
		if got := b.Match(tt.in); got != tt.want {
			t.Errorf("Match(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	nl, en := b.For("nl"), b.For("en")
	// 22:30 UTC on 31 March is already 1 April in Amsterdam (summer time).
	ts := time.Date(2025, 3, 31, 22, 30, 0, 0, time.UTC)
	tests := []struct {
		name, got, want string
	}{
		{"nl date", nl.Date(ts), "1 april 2025"},
		{"en date", en.Date(ts), "1 April 2025"},
		{"nl datetime", nl.DateTime(ts), "1 april 2025, 00:30"},
		{"winter", en.DateTime(time.Date(2025, 1, 15, 9, 5, 0, 0, time.UTC)), "15 January 2025, 10:05"},
		{"zero", nl.Date(time.Time{}), ""},
		{"zero datetime", nl.DateTime(time.Time{}), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestNumber(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	nl, en := b.For("nl"), b.For("en")
	tests := []struct {
		l    *Localizer
		n    int64
		want string
	}{
		{nl, 0, "0"}, {nl, 999, "999"}, {nl, 1000, "1.000"}, {nl, 1234567, "1.234.567"},
		{nl, -12345, "-12.345"}, {en, 1234567, "1,234,567"}, {nil, 1000, "1.000"},
	}
	for _, tt := range tests {
		if got := tt.l.Number(tt.n); got != tt.want {
			t.Errorf("%s Number(%d)=%q, want %q", tt.l.Lang(), tt.n, got, tt.want)
		}
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fsys fstest.MapFS
	}{
		{"duplicate key", fstest.MapFS{"nl.json": {Data: []byte(`{"a.b": "x", "a.b": "y"}`)}}},
		{"not a string", fstest.MapFS{"nl.json": {Data: []byte(`{"a.b": 1}`)}}},
		{"nested", fstest.MapFS{"nl.json": {Data: []byte(`{"a": {"b": "x"}}`)}}},
		{"array", fstest.MapFS{"nl.json": {Data: []byte(`["a"]`)}}},
		{"trailing data", fstest.MapFS{"nl.json": {Data: []byte(`{"a.b": "x"} {}`)}}},
		{"no default", fstest.MapFS{"en.json": {Data: []byte(`{"a.b": "x"}`)}}},
		{"key in two files", fstest.MapFS{
			"nl.json":     {Data: []byte(`{"a.b": "x"}`)},
			"nl.mod.json": {Data: []byte(`{"a.b": "y"}`)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := load(tt.fsys); err == nil {
				t.Error("load: got nil error, want one")
			}
		})
	}
}

// TestLoadMergesModuleFiles: nl.json and nl.<module>.json are one language.
func TestLoadMergesModuleFiles(t *testing.T) {
	t.Parallel()
	b, err := load(fstest.MapFS{
		"nl.json":     {Data: []byte(`{"a.b": "x"}`)},
		"nl.mod.json": {Data: []byte(`{"c.d": "y"}`)},
		"en.json":     {Data: []byte(`{"a.b": "X", "c.d": "Y"}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Langs(), []string{"nl", "en"}; !slices.Equal(got, want) {
		t.Errorf("Langs()=%v, want %v", got, want)
	}
	if got := b.For("nl").T("c.d"); got != "y" {
		t.Errorf(`T("c.d")=%q, want "y"`, got)
	}
}
