package locale

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wei-platform/wei/bank"
)

// errorKeyRe finds the error keys in Go source: the shared ones,
// "error.x", and those of the books' modules, such as
// "claims.error.amount_format". Other modules' own keys
// ("overleg.error.x") are theirs to guard.
var errorKeyRe = regexp.MustCompile(`"((?:(?:books|bank|budget|claims|lm3|timebank)(?:\.[a-z0-9_]+)*\.)?error\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)

// errorKeysIn returns the error keys in the non-test Go files matching the
// glob patterns, with the file each was first found in.
func errorKeysIn(t testing.TB, patterns ...string) map[string]string {
	t.Helper()
	keys := map[string]string{}
	for _, pat := range patterns {
		files, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no files match %s: is the scan broken?", pat)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range errorKeyRe.FindAllStringSubmatch(string(data), -1) {
				if _, ok := keys[m[1]]; !ok {
					keys[m[1]] = f
				}
			}
		}
	}
	return keys
}

// TestBooksErrorKeys walks every error key the books code can produce
// (the store, the ledger, the bank parsers and the books pages) and
// guards that each has a text in every language. Keys that name a page
// ("error.forbidden" + ".title") are skipped: they have no text of their
// own.
func TestBooksErrorKeys(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	keys := errorKeysIn(t,
		filepath.Join("..", "store", "*.go"),
		filepath.Join("..", "..", "ledger", "*.go"),
		filepath.Join("..", "..", "bank", "*.go"),
		filepath.Join("..", "web", "books_*.go"),
		filepath.Join("..", "web", "timebank*.go"),
		filepath.Join("..", "web", "lm3*.go"))
	if len(keys) < 20 {
		t.Fatalf("found %d error keys: is the scan broken?", len(keys))
	}
	pages := []string{"error.bad_request", "error.unauthorized", "error.forbidden", "error.not_found", "error.conflict", "error.too_many", "error.internal"}
	for k, file := range keys {
		if slices.Contains(pages, k) {
			continue
		}
		for _, lang := range b.Langs() {
			l := b.For(lang)
			if !l.Has(k) {
				t.Errorf("%s: %s has no %s text", file, k, lang)
			} else if strings.HasPrefix(k, "error.") && verbRe.MatchString(l.T(k)) && !strings.HasSuffix(k, ".title") {
				t.Errorf("%s %q takes arguments; field errors are shown with T(key) alone", lang, k)
			}
		}
	}
}

// TestBankReasonTexts guards that every reason the bank parsers give has
// a text in every language, taking the same arguments as the English
// format of the parser.
func TestBankReasonTexts(t *testing.T) {
	t.Parallel()
	b := mustLoad(t)
	keys := bank.ReasonKeys()
	if len(keys) < 40 {
		t.Fatalf("bank.ReasonKeys()=%d keys: is the list broken?", len(keys))
	}
	for _, k := range keys {
		want := verbRe.FindAllString(bank.ReasonFormat(k), -1)
		for _, lang := range b.Langs() {
			l := b.For(lang)
			key := "books.bank.reason." + k
			if !l.Has(key) {
				t.Errorf("%s lacks %q", lang, key)
				continue
			}
			if got := verbRe.FindAllString(l.T(key), -1); !slices.Equal(got, want) {
				t.Errorf("%s %q: verbs %v, the parser gives %v", lang, key, got, want)
			}
		}
	}
}
