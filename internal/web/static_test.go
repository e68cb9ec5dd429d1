package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func testAssets(t testing.TB) *Assets {
	t.Helper()
	a, err := newAssets(fstest.MapFS{
		"css/site.css":   {Data: []byte(strings.Repeat("body { color: black; }\n", 50))},
		"img/dot.png":    {Data: []byte("\x89PNG\r\n\x1a\nnot really")},
		"vendor/LICENSE": {Data: []byte("licence")},
	})
	if err != nil {
		t.Fatalf("newAssets: %v", err)
	}
	return a
}

func TestAssetsEmbedded(t *testing.T) {
	t.Parallel()
	a, err := NewAssets()
	if err != nil {
		t.Fatalf("NewAssets: %v", err)
	}
	for _, name := range []string{"css/tokens.css", "css/wei.css", "vendor/utrecht/index.css", "vendor/utrecht/LICENSE.md"} {
		if !a.Has(name) {
			t.Errorf("asset %q missing", name)
		}
	}
	re := regexp.MustCompile(`^/static/[0-9a-f]{8}/css/wei\.css$`)
	if got := a.URL("css/wei.css"); !re.MatchString(got) {
		t.Errorf("URL(css/wei.css)=%q, want /static/<hash8>/css/wei.css", got)
	}
}

func TestAssetURL(t *testing.T) {
	t.Parallel()
	a := testAssets(t)
	u := a.URL("css/site.css")
	if !strings.HasPrefix(u, "/static/") || !strings.HasSuffix(u, "/css/site.css") || len(u) != len("/static/12345678/css/site.css") {
		t.Errorf("URL=%q, want /static/<hash8>/css/site.css", u)
	}
	if u2 := a.URL("css/site.css"); u2 != u {
		t.Errorf("URL not stable: %q then %q", u, u2)
	}
	if got, want := a.URL("nope.css"), "/static/nope.css"; got != want {
		t.Errorf("URL(unknown)=%q, want %q", got, want)
	}
	var nilAssets *Assets
	if got, want := nilAssets.URL("css/site.css"), "/static/css/site.css"; got != want {
		t.Errorf("nil URL=%q, want %q", got, want)
	}
	// Another content gives another hash.
	b, err := newAssets(fstest.MapFS{"css/site.css": {Data: []byte("body{}")}})
	if err != nil {
		t.Fatal(err)
	}
	if b.URL("css/site.css") == u {
		t.Error("different content, same URL")
	}
}

func TestAssetHandler(t *testing.T) {
	t.Parallel()
	a := testAssets(t)
	h := a.Handler()
	css := a.URL("css/site.css")
	png := a.URL("img/dot.png")
	tests := []struct {
		name         string
		method, url  string
		header       map[string]string
		wantStatus   int
		wantType     string
		wantCache    string
		wantEncoding string
	}{
		{name: "css", method: "GET", url: css, wantStatus: 200, wantType: "text/css; charset=utf-8", wantCache: "public, max-age=31536000, immutable"},
		{name: "head", method: "HEAD", url: css, wantStatus: 200, wantType: "text/css; charset=utf-8", wantCache: "public, max-age=31536000, immutable"},
		{name: "gzip", method: "GET", url: css, header: map[string]string{"Accept-Encoding": "gzip, br"}, wantStatus: 200, wantType: "text/css; charset=utf-8", wantCache: "public, max-age=31536000, immutable", wantEncoding: "gzip"},
		{name: "gzip refused", method: "GET", url: css, header: map[string]string{"Accept-Encoding": "gzip;q=0"}, wantStatus: 200, wantType: "text/css; charset=utf-8", wantCache: "public, max-age=31536000, immutable"},
		{name: "png not gzipped", method: "GET", url: png, header: map[string]string{"Accept-Encoding": "gzip"}, wantStatus: 200, wantType: "image/png", wantCache: "public, max-age=31536000, immutable"},
		{name: "no extension", method: "GET", url: a.URL("vendor/LICENSE"), wantStatus: 200, wantType: "application/octet-stream", wantCache: "public, max-age=31536000, immutable"},
		{name: "old hash", method: "GET", url: "/static/00000000/css/site.css", wantStatus: 200, wantType: "text/css; charset=utf-8", wantCache: "no-cache"},
		{name: "no hash", method: "GET", url: "/static/css/site.css", wantStatus: 404},
		{name: "bad hash", method: "GET", url: "/static/ZZZZZZZZ/css/site.css", wantStatus: 404},
		{name: "unknown file", method: "GET", url: "/static/00000000/css/nope.css", wantStatus: 404},
		{name: "dot dot", method: "GET", url: "/static/00000000/../static.go", wantStatus: 404},
		{name: "directory", method: "GET", url: "/static/00000000/css", wantStatus: 404},
		{name: "outside prefix", method: "GET", url: "/elsewhere/x", wantStatus: 404},
		{name: "post", method: "POST", url: css, wantStatus: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(tt.method, tt.url, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("status=%d, want %d", res.StatusCode, tt.wantStatus)
			}
			if tt.wantStatus != 200 {
				return
			}
			if got := res.Header.Get("Content-Type"); got != tt.wantType {
				t.Errorf("Content-Type=%q, want %q", got, tt.wantType)
			}
			if got := res.Header.Get("Cache-Control"); got != tt.wantCache {
				t.Errorf("Cache-Control=%q, want %q", got, tt.wantCache)
			}
			if got := res.Header.Get("Content-Encoding"); got != tt.wantEncoding {
				t.Errorf("Content-Encoding=%q, want %q", got, tt.wantEncoding)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options=%q, want nosniff", got)
			}
			if tt.method == "HEAD" {
				if rec.Body.Len() != 0 {
					t.Errorf("HEAD body has %d bytes, want 0", rec.Body.Len())
				}
				return
			}
			body := rec.Body.Bytes()
			if tt.wantEncoding == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("gzip: %v", err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatalf("gunzip: %v", err)
				}
			}
			if tt.wantType == "text/css; charset=utf-8" && !strings.HasPrefix(string(body), "body { color: black; }") {
				t.Errorf("body starts %q", string(body[:min(len(body), 30)]))
			}
		})
	}
}

func TestAssetHandlerNotModified(t *testing.T) {
	t.Parallel()
	a := testAssets(t)
	h := a.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", a.URL("css/site.css"), nil))
	etag := rec.Result().Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	req := httptest.NewRequest("GET", a.URL("css/site.css"), nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("status=%d, want 304", rec.Code)
	}
}

func TestAcceptsGzip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"", false}, {"gzip", true}, {"deflate, gzip;q=1.0, *;q=0.5", true}, {"GZIP", true},
		{"br", false}, {"gzip;q=0", false}, {"gzip; q=0.000", false}, {"x-gzip", false},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.in); got != tt.want {
			t.Errorf("acceptsGzip(%q)=%v, want %v", tt.in, got, tt.want)
		}
	}
}
