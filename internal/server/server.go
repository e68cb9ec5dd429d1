// Package server assembles WEI's HTTP surfaces — the web pages, the JSON
// API, /healthz and /metrics — behind shared middleware, and runs them with
// all timeouts set and a graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/wei-platform/wei/internal/requestid"
	"github.com/wei-platform/wei/internal/store"
)

// Server is a running WEI web server.
type Server struct {
	store    *store.Store
	log      *slog.Logger
	handler  http.Handler
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// New builds the server around the web and API handlers.
func New(s *store.Store, log *slog.Logger, web, api http.Handler) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	srv := &Server{
		store: s,
		log:   log,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wei_http_requests_total", Help: "HTTP requests by surface, method and status code.",
		}, []string{"surface", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "wei_http_request_duration_seconds", Help: "HTTP request duration by surface.",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"surface"}),
	}
	reg.MustRegister(srv.requests, srv.duration)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", srv.healthz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.Handle("/api/v1/", api)
	mux.Handle("/", web)
	srv.handler = requestid.Middleware(srv.observe(srv.recover(mux)))
	return srv
}

// Handler returns the complete HTTP handler, for tests.
func (srv *Server) Handler() http.Handler { return srv.handler }

func (srv *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := srv.store.Ping(ctx); err != nil {
		srv.log.Error("health check failed", slog.Any("error", err))
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database unavailable")
		return
	}
	fmt.Fprintln(w, "ok")
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func surface(path string) string {
	switch {
	case strings.HasPrefix(path, "/api/"):
		return "api"
	case strings.HasPrefix(path, "/static/"):
		return "static"
	case path == "/healthz" || path == "/metrics":
		return "ops"
	}
	return "web"
}

// observe logs each request once and counts it in the metrics.
func (srv *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		sf := surface(r.URL.Path)
		d := time.Since(start)
		srv.requests.WithLabelValues(sf, r.Method, strconv.Itoa(sw.status)).Inc()
		srv.duration.WithLabelValues(sf).Observe(d.Seconds())
		if sf == "ops" || sf == "static" {
			return
		}
		srv.log.Info("request", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", sw.status),
			slog.Duration("duration", d), slog.String("request_id", requestid.From(r.Context())))
	})
}

// recover turns a panic into a logged 500 instead of a dropped connection.
func (srv *Server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				id := requestid.From(r.Context())
				srv.log.Error("panic", slog.Any("panic", v), slog.String("request_id", id))
				if surface(r.URL.Path) == "api" {
					w.Header().Set("Content-Type", "application/json; charset=utf-8")
					w.WriteHeader(http.StatusInternalServerError)
					fmt.Fprintf(w, `{"code":"internal","message":"Internal error","request_id":%q}`+"\n", id)
					return
				}
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				w.WriteHeader(http.StatusInternalServerError)
				fmt.Fprintf(w, "Internal error. Request ID: %s\n", id)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// Serve listens on ln until ctx is cancelled, then shuts down gracefully,
// giving running requests up to 20 seconds. It also cleans expired sessions
// and tokens periodically.
func (srv *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           srv.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(srv.log.Handler(), slog.LevelWarn),
	}
	go srv.cleanup(ctx)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	srv.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (srv *Server) cleanup(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		if err := srv.store.DeleteExpired(ctx); err != nil && ctx.Err() == nil {
			srv.log.Warn("cleanup of expired sessions failed", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
