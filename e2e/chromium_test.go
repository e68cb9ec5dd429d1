package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

const (
	defaultChromium = "/usr/bin/chromium"
	pageTimeout     = 30 * time.Second
)

// chromiumPath returns the browser to drive: $WEI_CHROMIUM, else Debian's
// /usr/bin/chromium. It skips the test when there is none.
func chromiumPath(t testing.TB) string {
	t.Helper()
	p := os.Getenv("WEI_CHROMIUM")
	if p == "" {
		p = defaultChromium
	}
	if fi, err := os.Stat(p); err != nil || fi.IsDir() {
		t.Skipf("browser suite: no Chromium at %s (install chromium or set WEI_CHROMIUM): %v", p, err)
	}
	return p
}

// startChromium starts one headless Chromium for the whole suite and returns
// a context that holds it. Every scenario opens its own browser context (its
// own cookie jar) in it with newTab. The browser stops when the test ends.
func startChromium(t testing.TB, path string) context.Context {
	t.Helper()
	profile := t.TempDir() // removed after the browser stopped: cleanups run last-in, first-out
	out := &syncBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", "new"),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("mute-audio", true),
		// Dutch is WEI's default language: ask for it, as a Dutch browser does (Accept-Language).
		chromedp.Flag("lang", "nl-NL"),
		chromedp.WindowSize(1280, 1024),
		chromedp.UserDataDir(profile),
		chromedp.CombinedOutput(out),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	logs := &syncBuffer{}
	logf := func(format string, args ...any) { fmt.Fprintf(logs, format+"\n", args...) }
	bctx, bcancel := chromedp.NewContext(actx, chromedp.WithErrorf(logf), chromedp.WithLogf(logf))
	t.Cleanup(func() {
		bcancel()
		acancel()
		if t.Failed() {
			t.Logf("chromedp log (last 8 KB):\n%s", logs.tail(8<<10))
			t.Logf("chromium output (last 8 KB):\n%s", out.tail(8<<10))
		}
	})
	// The first Run starts the browser and binds it to bctx: no timeout here.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v\n%s", path, err, out.tail(8<<10))
	}
	return bctx
}

// tab is one tab in a browser context of its own, so one visitor's cookies.
type tab struct {
	s   *suite
	ctx context.Context
}

// newTab opens a tab in a new browser context. With noJS the tab runs no
// script of the pages, as for a visitor who turned JavaScript off.
func (s *suite) newTab(t *testing.T, noJS bool) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(s.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first Run opens the tab and binds it to ctx: no timeout here.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	tb := &tab{s: s, ctx: ctx}
	if noJS {
		if err := tb.scripts(false); err != nil {
			t.Fatalf("turning JavaScript off: %v", err)
		}
	}
	return tb
}

// scripts turns the page's JavaScript on or off.
func (tb *tab) scripts(on bool) error {
	return tb.do(func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	})
}

// do runs f with the per-page timeout, so no step can hang the suite.
func (tb *tab) do(f func(ctx context.Context) error) error {
	ctx, cancel := context.WithTimeout(tb.ctx, pageTimeout)
	defer cancel()
	return f(ctx)
}

// loaded is the document a navigation ended on.
type loaded struct {
	Status int
	URL    *url.URL
}

func (l loaded) PathQuery() string { return l.URL.RequestURI() }

// navigate loads path and returns the document the browser ended on, after
// any redirects.
func (tb *tab) navigate(path string) (loaded, error) {
	var resp *network.Response
	err := tb.do(func(ctx context.Context) error {
		var err error
		resp, err = chromedp.Run(ctx, chromedp.NavigateResponse(tb.s.base+path))
		return err
	})
	return tb.result("GET "+path, resp, err)
}

// click clicks the first element that matches the CSS selector and waits for
// the page it leads to.
func (tb *tab) click(sel string) (loaded, error) {
	if ok, err := tb.exists(sel); err != nil {
		return loaded{}, err
	} else if !ok {
		return loaded{}, fmt.Errorf("no element matches %s on %s", sel, tb.location())
	}
	var resp *network.Response
	err := tb.do(func(ctx context.Context) error {
		var err error
		resp, err = chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
		return err
	})
	return tb.result("click "+sel, resp, err)
}

func (tb *tab) result(what string, resp *network.Response, err error) (loaded, error) {
	if err != nil {
		return loaded{}, fmt.Errorf("%s: %w", what, err)
	}
	if resp == nil {
		return loaded{}, fmt.Errorf("%s: no document response", what)
	}
	u, err := url.Parse(resp.URL)
	if err != nil {
		return loaded{}, fmt.Errorf("%s: response URL %q: %w", what, resp.URL, err)
	}
	return loaded{Status: int(resp.Status), URL: u}, nil
}

// eval evaluates a JavaScript expression in the page and decodes its value.
// It works with the page's own scripts turned off too.
func eval[T any](tb *tab, expr string, opts ...chromedp.EvaluateOption) (T, error) {
	var v T
	err := tb.do(func(ctx context.Context) error {
		var err error
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
		return err
	})
	return v, err
}

// exists reports whether an element matches the CSS selector now.
func (tb *tab) exists(sel string) (bool, error) {
	return eval[bool](tb, "document.querySelector("+jsString(sel)+") !== null")
}

// text returns the rendered text of the first element that matches the CSS
// selector, "" when there is none.
func (tb *tab) text(sel string) string {
	s, err := eval[string](tb, "(document.querySelector("+jsString(sel)+")?.innerText ?? '').trim()")
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return s
}

// lang returns the language of the page (<html lang>).
func (tb *tab) lang() string {
	s, _ := eval[string](tb, "document.documentElement.lang")
	return s
}

// location returns the path and query of the current page.
func (tb *tab) location() string {
	s, err := eval[string](tb, "location.pathname + location.search")
	if err != nil {
		return fmt.Sprintf("<%v>", err)
	}
	return s
}

// excerpt returns the start of the visible text of the page, to explain a
// failure.
func (tb *tab) excerpt() string {
	s := tb.text("body")
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// sendKeys types v into the first element that matches the CSS selector.
func (tb *tab) sendKeys(sel, v string) error {
	if ok, err := tb.exists(sel); err != nil {
		return err
	} else if !ok {
		return fmt.Errorf("no element matches %s on %s", sel, tb.location())
	}
	return tb.do(func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(sel), v))
	})
}

// key presses keys (see package kb) on the focused element.
func (tb *tab) key(keys string) error {
	return tb.do(func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.KeyEvent(keys))
	})
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
