package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// staticPrefix is where the assets are served; mount Handler there:
//
//	mux.Handle("GET /static/", assets.Handler())
const staticPrefix = "/static/"

// hashLen is the number of hex digits of the content hash in an asset URL.
const hashLen = 8

// Assets are the embedded static files (CSS, the vendored NL Design System
// components, licences), read once at startup and served at content-hash
// URLs, so that browsers may cache them for a year.
type Assets struct {
	files map[string]*asset
}

type asset struct {
	hash        string // first hashLen hex digits of the SHA-256 of body
	body        []byte
	gz          []byte // gzip of body, nil when that does not pay off
	contentType string
}

// NewAssets reads every file under static/ and hashes it.
func NewAssets() (*Assets, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	return newAssets(sub)
}

func newAssets(fsys fs.FS) (*Assets, error) {
	a := &Assets{files: map[string]*asset{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ct := contentType(name)
		f := &asset{hash: hex.EncodeToString(sum[:])[:hashLen], body: body, contentType: ct}
		if compressible(ct) {
			if f.gz, err = gzipBytes(body); err != nil {
				return err
			}
			if len(f.gz) >= len(body) {
				f.gz = nil
			}
		}
		a.files[name] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: assets: %w", err)
	}
	return a, nil
}

// contentTypes fixes the types of the files we ship, independent of the
// host's mime.types.
var contentTypes = map[string]string{
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/plain; charset=utf-8",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") ||
		strings.Contains(contentType, "javascript") ||
		strings.Contains(contentType, "json") ||
		strings.Contains(contentType, "svg")
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// URL returns the address of the named asset (a path under static/, e.g.
// "css/wei.css"): /static/<hash>/<name>. The hash changes with the content,
// so a new release never meets a stale cached copy. An unknown name gives
// /static/<name>, which the handler answers with 404 Not Found.
func (a *Assets) URL(name string) string {
	if a != nil {
		if f, ok := a.files[name]; ok {
			return staticPrefix + f.hash + "/" + name
		}
	}
	return staticPrefix + name
}

// Has reports whether the named asset exists.
func (a *Assets) Has(name string) bool {
	_, ok := a.files[name]
	return ok
}

// Names returns the names of all assets.
func (a *Assets) Names() []string {
	names := make([]string, 0, len(a.files))
	for n := range a.files {
		names = append(names, n)
	}
	return names
}

// Handler serves the assets below /static/. A request with the current
// hash gets "Cache-Control: public, max-age=31536000, immutable"; one with
// another well-formed hash (a page from before a deploy) gets the current
// file with "no-cache", so it is never cached under the old address. An
// unknown file, or a path without a hash, is 404 Not Found. Clients that
// accept gzip get the file compressed.
func (a *Assets) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method not allowed.", http.StatusMethodNotAllowed)
			return
		}
		rest, ok := strings.CutPrefix(r.URL.Path, staticPrefix)
		if !ok {
			http.NotFound(w, r)
			return
		}
		hash, name, ok := strings.Cut(rest, "/")
		f := a.files[name]
		if !ok || f == nil || !isHash(hash) {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.contentType)
		h.Set("X-Content-Type-Options", "nosniff")
		if hash == f.hash {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		body, etag := f.body, `"`+f.hash+`"`
		if f.gz != nil {
			h.Add("Vary", "Accept-Encoding")
			if acceptsGzip(r.Header.Get("Accept-Encoding")) {
				body, etag = f.gz, `"`+f.hash+`-gz"`
				h.Set("Content-Encoding", "gzip")
			}
		}
		h.Set("ETag", etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	})
}

func isHash(s string) bool {
	if len(s) != hashLen {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// acceptsGzip reports whether an Accept-Encoding value allows gzip.
func acceptsGzip(accept string) bool {
	for part := range strings.SplitSeq(accept, ",") {
		coding, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		return params != "q=0" && params != "q=0.0" && params != "q=0.00" && params != "q=0.000"
	}
	return false
}
