package e2e

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// testdata/axe.min.js is axe-core 4.14.1 by Deque Systems (MPL-2.0, see
// testdata/axe-LICENSE.txt and testdata/axe-LICENSE-3RD-PARTY.txt), as
// published on npm: npm pack axe-core@4.14.1. axeSRI is its integrity hash
// from the package's sri-history.json; loadAxe checks it, so an edited copy
// cannot pass for the real one.
const (
	axeFile    = "testdata/axe.min.js"
	axeVersion = "4.14.1"
	axeSRI     = "sha256-KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="
)

// axeRun runs the WCAG 2.1 A and AA rules on the whole page and keeps only
// what the report needs.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
.then(r => ({
	version: axe.version,
	passes: r.passes.length,
	incomplete: r.incomplete.map(v => v.id + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + (v.nodes.length > 3 ? ', …' : '')),
	violations: r.violations.map(v => ({
		id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html})),
	})),
}))`

type axeResults struct {
	Version    string         `json:"version"`
	Passes     int            `json:"passes"`
	Incomplete []string       `json:"incomplete"` // "rule at targets" that axe-core could not decide
	Violations []axeViolation `json:"violations"`
}

type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target []string `json:"target"`
		HTML   string   `json:"html"`
	} `json:"nodes"`
}

// blocking reports whether a violation fails the suite.
func (v axeViolation) blocking() bool { return v.Impact == "serious" || v.Impact == "critical" }

// targets returns the selectors of the first n elements.
func (v axeViolation) targets(n int) string {
	var out []string
	for i, node := range v.Nodes {
		if i == n {
			out = append(out, "…")
			break
		}
		out = append(out, strings.Join(node.Target, " "))
	}
	return strings.Join(out, ", ")
}

func loadAxe(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(axeFile)
	if err != nil {
		t.Fatalf("reading axe-core: %v", err)
	}
	sum := sha256.Sum256(b)
	if got := "sha256-" + base64.StdEncoding.EncodeToString(sum[:]); got != axeSRI {
		t.Fatalf("%s has integrity %s, want %s (axe-core %s from npm)", axeFile, got, axeSRI, axeVersion)
	}
	return string(b)
}

// axe runs axe-core on the current page of the tab. It fails the test on
// every violation of serious or critical impact and logs the others, and
// what axe-core could not decide and a person should look at.
func (tb *tab) axe(t *testing.T, page string) {
	t.Helper()
	has, err := eval[bool](tb, "typeof axe !== 'undefined'")
	if err != nil {
		t.Errorf("%s: axe: %v", page, err)
		return
	}
	if !has {
		if _, err := eval[chromedp.Void](tb, tb.s.axeSource); err != nil {
			t.Errorf("%s: injecting axe-core: %v", page, err)
			return
		}
	}
	res, err := eval[axeResults](tb, axeRun, chromedp.EvalAwaitPromise)
	if err != nil {
		t.Errorf("%s: running axe-core: %v", page, err)
		return
	}
	if res.Version != axeVersion {
		t.Errorf("%s: axe-core version %q ran, want %s", page, res.Version, axeVersion)
	}
	tb.s.pages++
	var minor []string
	for _, v := range res.Violations {
		if v.blocking() {
			tb.s.serious++
			t.Errorf("%s: axe %s (%s, %d elements): %s\n\t%s\n\ttargets: %s", page, v.ID, v.Impact, len(v.Nodes), v.Help, v.HelpURL, v.targets(3))
			continue
		}
		tb.s.minor++
		minor = append(minor, v.ID+" ("+v.Impact+"): "+v.targets(3))
	}
	if len(minor) > 0 {
		t.Logf("%s: %d violations of lower impact: %s", page, len(minor), strings.Join(minor, "; "))
	}
	if len(res.Incomplete) > 0 {
		tb.s.review += len(res.Incomplete)
		t.Logf("%s: axe-core needs a person to review: %s", page, strings.Join(res.Incomplete, "; "))
	}
}
