package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/mail"
	"github.com/wei-platform/wei/internal/store"
)

// BenchmarkFlowPage renders the flow page of the demo wijk (two years of
// phase and people events) as its process manager: loading the events,
// computing the figures, drawing the diagram and the tables.
//
//	go test -run xxx -bench FlowPage -benchmem ./internal/web/
func BenchmarkFlowPage(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "wei.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := demo.Seed(ctx, s, time.Now()); err != nil {
		b.Fatal(err)
	}
	h, err := New(Deps{Store: s, Mail: mail.New(s, config.SMTP{}, nil), Config: config.Config{BaseURL: "http://wei.test", SessionTTL: time.Hour}})
	if err != nil {
		b.Fatal(err)
	}
	pm, err := s.UserByEmail(ctx, "procesmanager@example.org")
	if err != nil {
		b.Fatal(err)
	}
	tok, _, err := s.CreateSession(ctx, pm.ID, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	get := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/w/"+demo.Slug+"/stroom", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: tok})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := get(); rec.Code != http.StatusOK {
		b.Fatalf("flow page: status %d", rec.Code)
	}
	b.ReportAllocs()
	for b.Loop() {
		get()
	}
}
