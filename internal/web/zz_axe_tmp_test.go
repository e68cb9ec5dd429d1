package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"testing"
	"time"

	"github.com/wei-platform/wei/ledger"
)

func TestZZAxeMine(t *testing.T) {
	axe, err := os.ReadFile("../../e2e/testdata/axe.min.js")
	if err != nil {
		t.Skip(err)
	}
	f, funder := lm3Fixture(t)
	c := context.Background()
	pages := map[string][]byte{}
	get := func(name, path, who string) {
		rec := f.do(http.MethodGet, path, who, nil)
		pages[name] = rec.Body.Bytes()
	}
	post := func(name, path, who string, v url.Values) {
		rec := f.do(http.MethodPost, path, who, v)
		pages[name] = rec.Body.Bytes()
	}
	// time bank: make bewoner a resident, fatima member
	_ = f.store.EnsureLocalCurrency(c, ledger.Asset{WijkID: f.wijk.ID, Code: "AKK", Name: "Akkertje", Decimals: 2})
	rec := f.do(http.MethodPost, "/w/test-wijk/boekhouding/lm3", "penningmeester", lm3Rows(funder.ID))
	loc := rec.Header().Get("Location")
	get("lm3-result", loc[:len(loc)-len("#result")], "penningmeester")
	bad := lm3Rows(funder.ID)
	bad.Set("respend_1", "140")
	post("lm3-error", "/w/test-wijk/boekhouding/lm3", "penningmeester", bad)
	get("bank", "/w/test-wijk/boekhouding/bank", "penningmeester")
	get("claims", "/w/test-wijk/declaraties", "penningmeester")
	get("budget", "/w/test-wijk/initiatieven/"+f.org.ID+"/budget", "penningmeester")
	get("initiative", "/w/test-wijk/initiatieven/"+f.org.ID, "initiatiefnemer")
	get("timebank-none", "/w/test-wijk/tijdbank", "none")
	get("timebank-reward", "/w/test-wijk/tijdbank", "initiatiefnemer")
	post("timebank-reward-error", "/w/test-wijk/initiatieven/"+f.org.ID+"/belonen", "initiatiefnemer", url.Values{"asset": {"MIN"}, "hours": {"99"}, "purpose": {"x"}})
	// resident
	f2, _ := timebankFixture(t)
	_ = f2.store.EnsureLocalCurrency(c, ledger.Asset{WijkID: f2.wijk.ID, Code: "AKK", Name: "Akkertje", Decimals: 2})
	code, _ := f2.store.TimebankCode(c, f2.wijk.ID, f2.person.ID)
	f2.do(http.MethodPost, "/w/test-wijk/tijdbank/betalen", "bewoner", url.Values{"asset": {"MIN"}, "to": {code}, "hours": {"1"}, "purpose": {"Hulp"}})
	pages["timebank"] = f2.do(http.MethodGet, "/w/test-wijk/tijdbank", "bewoner", nil).Body.Bytes()
	pages["timebank-error"] = f2.do(http.MethodPost, "/w/test-wijk/tijdbank/betalen", "bewoner", url.Values{"asset": {"AKK"}, "to": {"x"}, "amount": {"1,234"}, "purpose": {""}}).Body.Bytes()
	pages["broken"] = []byte(`<!DOCTYPE html><html><body><img src="x.png"><input type="text"></body></html>`)
	for n, b := range pages { os.WriteFile("/tmp/page-"+n+".html", b, 0o644) }
	pages["bank-report"] = f.upload("penningmeester", "ing_bad.csv", readBankFile(t, "ing_bad.csv")).Body.Bytes()

	const runner = `<script src="/axe.js"></script><script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
  .then(function (r) { var p = document.createElement("pre"); p.id = "axe-result";
    p.textContent = JSON.stringify(r.violations.map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.html; })}; }));
    document.body.appendChild(p); })
  .catch(function (e) { var p = document.createElement("pre"); p.id = "axe-result"; p.textContent = "ERROR " + e; document.body.appendChild(p); });
</script></body>`
	mux := http.NewServeMux()
	mux.Handle("GET /static/", f.h.assets.Handler())
	mux.HandleFunc("GET /axe.js", func(w http.ResponseWriter, r *http.Request) { w.Header().Set("Content-Type", "text/javascript"); w.Write(axe) })
	mux.HandleFunc("GET /page/{name}", func(w http.ResponseWriter, r *http.Request) {
		body := pages[r.PathValue("name")]
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(bytes.Replace(body, []byte("</body>"), []byte(runner), 1))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, n := range []string{"timebank", "lm3-result", "bank", "timebank-error"} {
		exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir="+t.TempDir(), "--window-size=1000,3000", "--screenshot=/tmp/shot-"+n+".png", srv.URL+"/page/"+n).Run()
	}
	resultRe := regexp.MustCompile(`(?s)<pre id="axe-result">(.*?)</pre>`)
	for name := range pages {
		for _, size := range []string{"1280,900", "360,740"} {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			cmd := exec.CommandContext(ctx, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+t.TempDir(), "--window-size="+size, "--virtual-time-budget=20000", "--dump-dom", srv.URL+"/page/"+name)
			dom, err := cmd.Output()
			cancel()
			if err != nil {
				t.Fatalf("chromium: %v", err)
			}
			m := resultRe.FindSubmatch(dom)
			if m == nil {
				t.Fatalf("%s: no axe result", name)
			}
			var vs []struct{ ID, Impact, Help string; Nodes []string }
			if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &vs); err != nil {
				t.Fatalf("axe: %s", m[1])
			}
			for _, v := range vs {
				fmt.Printf("%s@%s: %s (%s): %s %v\n", name, size, v.ID, v.Impact, v.Help, v.Nodes)
			}
			fmt.Printf("%s@%s: %d violations\n", name, size, len(vs))
		}
	}
}
