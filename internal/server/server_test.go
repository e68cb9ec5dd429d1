package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wei-platform/wei/internal/requestid"
	"github.com/wei-platform/wei/internal/store"
)

func TestMiddleware(t *testing.T) {
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "wei.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	boom := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })
	srv := New(s, nil, boom, boom)
	for _, tc := range []struct {
		path, wantType, wantBody string
		wantStatus               int
	}{
		{"/healthz", "text/plain", "ok", 200},
		{"/api/v1/x", "application/json", `"code":"internal"`, 500},
		{"/w/x", "text/plain", "Internal error. Request ID: ", 500},
		{"/metrics", "text/plain", "wei_http_requests_total", 200},
	} {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", tc.path, nil))
		if rec.Code != tc.wantStatus || !strings.HasPrefix(rec.Header().Get("Content-Type"), tc.wantType) || !strings.Contains(rec.Body.String(), tc.wantBody) {
			t.Errorf("GET %s: %d %q %q", tc.path, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
		}
		if id := rec.Header().Get(requestid.Header); len(id) != 16 {
			t.Errorf("GET %s: request ID header %q", tc.path, id)
		}
		if tc.wantStatus == 500 && !strings.Contains(rec.Body.String(), rec.Header().Get(requestid.Header)) {
			t.Errorf("GET %s: body does not name the request ID", tc.path)
		}
	}
}
