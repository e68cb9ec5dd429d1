// Package web serves WEI's HTML pages: server-rendered, usable without
// JavaScript, in Dutch (B1) by default and in English. Sessions live in the
// database, so any number of instances can serve the same users.
package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/httperror"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/mail"
	"github.com/wei-platform/wei/internal/requestid"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// Deps are what the web handlers need.
type Deps struct {
	Store  *store.Store
	Log    *slog.Logger
	Mail   *mail.Sender
	Config config.Config
}

// Handler serves the web pages.
type Handler struct {
	store  *store.Store
	log    *slog.Logger
	mail   *mail.Sender
	cfg    config.Config
	tmpl   *Templates
	assets *Assets
	loc    *locale.Bundle
	mux    *http.ServeMux
}

// New parses every template and builds the routes.
func New(d Deps) (*Handler, error) {
	tmpl, err := ParseTemplates()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	assets, err := NewAssets()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	loc, err := locale.Load()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{store: d.Store, log: d.Log, mail: d.Mail, cfg: d.Config, tmpl: tmpl, assets: assets, loc: loc, mux: http.NewServeMux()}
	h.mux.Handle("GET /static/", assets.Handler())
	for _, rt := range h.routes() {
		h.mux.Handle(rt.Method+" "+rt.Pattern, h.wrap(rt))
	}
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		rc := h.newRequest(w, r)
		h.notFound(w, r, rc)
	})
	return h, nil
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:"+h.tileImgSrc()+"; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "same-origin")
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	h.mux.ServeHTTP(w, r)
}

// request is what every page handler gets besides w and r: who is asking,
// in which language, and the wijk of the URL when there is one.
type request struct {
	Actor     account.Actor
	Session   *store.Session
	L         *locale.Localizer
	CSRF      string
	Wijk      *wijk.Wijk
	RequestID string
	Flash     string
}

type handlerFunc func(w http.ResponseWriter, r *http.Request, rc *request)

// route is one line of the route table in routes.go. OrgParam names the
// path value that holds the organisation the action is on, for permissions
// that an initiatiefnemer has for their own initiative (Actor.CanOrg).
type route struct {
	Method   string
	Pattern  string
	Perm     account.Permission
	Handle   handlerFunc
	OrgParam string
	// MaxBody is the largest body a POST to the route may send; 0 means
	// 1 MiB. A route that sets it (with maxBody) also accepts
	// multipart/form-data, for file uploads.
	MaxBody int64
}

const (
	sessionCookie = "wei_session"
	csrfCookie    = "wei_csrf"
	langCookie    = "wei_lang"
	flashCookie   = "wei_flash"
)

var errBadSession = errors.New("web: session cookie does not match a session")

// newRequest reads the session, CSRF token and language of a request.
func (h *Handler) newRequest(w http.ResponseWriter, r *http.Request) *request {
	rc, _ := h.loadRequest(w, r)
	return rc
}

func (h *Handler) loadRequest(w http.ResponseWriter, r *http.Request) (*request, error) {
	rc := &request{RequestID: requestid.From(r.Context())}
	var sessErr error
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		sess, err := h.store.SessionByToken(r.Context(), c.Value)
		switch {
		case err == nil:
			u, uerr := h.store.User(r.Context(), sess.UserID)
			grants, gerr := h.store.GrantsOfUser(r.Context(), sess.UserID)
			if uerr != nil || gerr != nil || !u.ErasedAt.IsZero() {
				sessErr = errBadSession
				break
			}
			rc.Session, rc.Actor = &sess, account.Actor{User: &u, Grants: grants}
			rc.CSRF = sess.CSRFToken
		case wei.ErrorCode(err) == wei.ENOTFOUND:
			sessErr = errBadSession
		default:
			h.log.Error("loading session failed", slog.Any("error", err), slog.String("request_id", rc.RequestID))
			sessErr = err
		}
		if sessErr != nil {
			h.clearCookie(w, sessionCookie)
		}
	}
	if rc.Session == nil {
		rc.CSRF = h.anonCSRF(w, r)
	}
	rc.L = h.loc.For(h.language(r, rc))
	if c, err := r.Cookie(flashCookie); err == nil {
		if v, err := url.QueryUnescape(c.Value); err == nil && rc.L.Has(v) {
			rc.Flash = v
		}
		h.clearCookie(w, flashCookie)
	}
	return rc, sessErr
}

// anonCSRF returns the double-submit CSRF token of a visitor without a
// session, setting the cookie when there is none yet.
func (h *Handler) anonCSRF(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 64 {
		return c.Value
	}
	tok := wei.RandomToken(32)
	h.setCookie(w, csrfCookie, tok, 0)
	return tok
}

func (h *Handler) language(r *http.Request, rc *request) string {
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "nl" || c.Value == "en") {
		return c.Value
	}
	if rc.Actor.User != nil {
		return rc.Actor.User.Locale
	}
	return h.loc.Match(r.Header.Get("Accept-Language"))
}

func (h *Handler) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, Secure: h.cfg.SecureCookies(), SameSite: http.SameSiteLaxMode}
	if maxAge > 0 {
		c.MaxAge = int(maxAge / time.Second)
	}
	http.SetCookie(w, c)
}

func (h *Handler) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: h.cfg.SecureCookies(), SameSite: http.SameSiteLaxMode})
}

// flash shows a short message (a locale key) on the next page.
func (h *Handler) flash(w http.ResponseWriter, key string) {
	h.setCookie(w, flashCookie, url.QueryEscape(key), time.Minute)
}

// wrap applies the checks every route gets: session, CSRF on POST, the wijk
// of the URL, and the permission from the route table. Authorisation is
// decided here and only here, by account.Actor.Can.
func (h *Handler) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc, sessErr := h.loadRequest(w, r)
		if errors.Is(sessErr, errBadSession) && r.Method != http.MethodGet {
			h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "error.session_invalid")
			return
		} else if sessErr != nil && !errors.Is(sessErr, errBadSession) {
			h.serverError(w, r, rc, sessErr)
			return
		}
		if r.Method == http.MethodPost {
			limit := int64(1 << 20)
			if rt.MaxBody > 0 {
				limit = rt.MaxBody
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
			var err error
			if rt.MaxBody > 0 && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				err = r.ParseMultipartForm(limit) // keeps uploads in memory, not in temporary files
			} else {
				err = r.ParseForm()
			}
			if err != nil {
				status := http.StatusBadRequest
				if errors.As(err, new(*http.MaxBytesError)) {
					status = http.StatusRequestEntityTooLarge
				}
				h.renderError(w, r, rc, status, "error.bad_request.title", "error.bad_request.text")
				return
			}
			if !validCSRF(rc.CSRF, r.PostFormValue("csrf_token")) {
				h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "error.csrf")
				return
			}
		}
		wijkID := ""
		if slug := r.PathValue("wijk"); slug != "" {
			wk, err := h.store.WijkBySlug(r.Context(), slug)
			if wei.ErrorCode(err) == wei.ENOTFOUND {
				h.notFound(w, r, rc)
				return
			} else if err != nil {
				h.serverError(w, r, rc, err)
				return
			}
			rc.Wijk, wijkID = &wk, wk.ID
		}
		allowed := rc.Actor.Can(rt.Perm, wijkID)
		if rt.OrgParam != "" {
			allowed = rc.Actor.CanOrg(rt.Perm, wijkID, r.PathValue(rt.OrgParam))
		}
		if !allowed {
			if !rc.Actor.SignedIn() {
				http.Redirect(w, r, "/inloggen?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "error.forbidden.text")
			return
		}
		rt.Handle(w, r, rc)
	})
}

func validCSRF(want, got string) bool {
	if want == "" || len(got) != len(want) {
		return false
	}
	var diff byte
	for i := 0; i < len(want); i++ {
		diff |= want[i] ^ got[i]
	}
	return diff == 0
}

// render writes a page with status 200.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, rc *request, name string, data any) {
	h.renderStatus(w, r, rc, http.StatusOK, name, data)
}

func (h *Handler) renderStatus(w http.ResponseWriter, r *http.Request, rc *request, status int, name string, data any) {
	var buf strings.Builder
	if err := h.tmpl.Render(&buf, name, data); err != nil {
		h.log.Error("rendering page failed", slog.String("template", name), slog.Any("error", err), slog.String("request_id", rc.RequestID))
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "Internal error. Request ID: %s\n", rc.RequestID)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	io.WriteString(w, buf.String())
}

func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, rc *request, status int, headingKey, messageKey string) {
	p := ErrorPage{Page: h.page(r, rc, rc.L.T(headingKey)), Status: status, Heading: rc.L.T(headingKey), Message: rc.L.T(messageKey)}
	h.renderStatus(w, r, rc, status, "error.html", p)
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderError(w, r, rc, http.StatusNotFound, "error.not_found.title", "error.not_found.text")
}

// serverError logs err once, with the request ID, and shows a page with
// that ID and nothing of the error itself.
func (h *Handler) serverError(w http.ResponseWriter, r *http.Request, rc *request, err error) {
	status := httperror.Status(err)
	switch status {
	case http.StatusNotFound:
		h.notFound(w, r, rc)
		return
	case http.StatusForbidden:
		h.renderError(w, r, rc, status, "error.forbidden.title", "error.forbidden.text")
		return
	}
	h.log.Error("request failed", slog.String("path", r.URL.Path), slog.Any("error", err), slog.String("request_id", rc.RequestID))
	h.renderError(w, r, rc, http.StatusInternalServerError, "error.internal.title", "error.internal.text")
}

// ctx is a shorthand.
func ctx(r *http.Request) context.Context { return r.Context() }
