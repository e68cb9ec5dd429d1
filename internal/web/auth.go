package web

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

const (
	loginTokenTTL = 20 * time.Minute
	rateWindow    = 15 * time.Minute
	ratePerEmail  = 5
	ratePerIP     = 30
)

// safeNext returns next when it is a local path, "" otherwise, so the login
// cannot be used to send people to another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	return next
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// allow applies the login rate limits of the client address and, when
// given, the e-mail address. It renders the 429 page and returns false when
// a limit is reached.
func (h *Handler) allow(w http.ResponseWriter, r *http.Request, rc *request, email string) bool {
	buckets := []struct {
		key string
		max int
	}{{"login-ip:" + clientIP(r), ratePerIP}}
	if email != "" {
		buckets = append(buckets, struct {
			key string
			max int
		}{"login-email:" + strings.ToLower(email), ratePerEmail})
	}
	for _, b := range buckets {
		ok, err := h.store.Allow(ctx(r), b.key, b.max, rateWindow)
		if err != nil {
			h.serverError(w, r, rc, err)
			return false
		}
		if !ok {
			h.log.Warn("login rate limit reached", slog.String("bucket", strings.SplitN(b.key, ":", 2)[0]), slog.String("request_id", rc.RequestID))
			h.renderError(w, r, rc, http.StatusTooManyRequests, "error.too_many.title", "error.too_many_attempts")
			return false
		}
	}
	return true
}

func (h *Handler) loginForm(w http.ResponseWriter, r *http.Request, rc *request) {
	if rc.Actor.SignedIn() {
		http.Redirect(w, r, "/mijn", http.StatusSeeOther)
		return
	}
	f := newForm()
	f.Values["email"] = r.URL.Query().Get("email")
	h.render(w, r, rc, "login.html", loginPage{Page: h.page(r, rc, rc.L.T("login.title")), Form: f, Next: safeNext(r.URL.Query().Get("next"))})
}

// loginRequest sends a login link and code. Whether an account exists is
// not shown on the page: the mail says it.
func (h *Handler) loginRequest(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "email")
	next := safeNext(r.PostFormValue("next"))
	email := strings.ToLower(f.Values["email"])
	if !wijk.ValidEmail(email) {
		f.Errors["email"] = rc.L.T("error.email")
		h.renderStatus(w, r, rc, http.StatusBadRequest, "login.html", loginPage{Page: h.page(r, rc, rc.L.T("login.title")), Form: f, Next: next})
		return
	}
	if !h.allow(w, r, rc, email) {
		return
	}
	if _, err := h.store.UserByEmail(ctx(r), email); err == nil {
		if err := h.sendLoginMail(r, rc, store.LoginRequest{Email: email}, next); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
	} else if wei.ErrorCode(err) == wei.ENOTFOUND {
		body := rc.L.T("mail.no_account.body", h.cfg.BaseURL+"/aanmelden")
		if err := h.mail.Send(ctx(r), email, rc.L.T("mail.no_account.subject"), body); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
	} else {
		h.serverError(w, r, rc, err)
		return
	}
	h.render(w, r, rc, "login_sent.html", loginPage{Page: h.page(r, rc, rc.L.T("login.sent.title")), Form: f, Email: email, Sent: true, Next: next})
}

func (h *Handler) sendLoginMail(r *http.Request, rc *request, req store.LoginRequest, next string) error {
	link, code, err := h.store.CreateLoginToken(ctx(r), req, loginTokenTTL)
	if err != nil {
		return err
	}
	u := h.cfg.BaseURL + "/inloggen/link/" + link
	if next != "" {
		u += "?next=" + url.QueryEscape(next)
	}
	body := rc.L.T("mail.login.body", u, code, int(loginTokenTTL/time.Minute))
	return h.mail.Send(ctx(r), req.Email, rc.L.T("mail.login.subject", code), body)
}

func (h *Handler) codeForm(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm()
	f.Values["email"] = r.URL.Query().Get("email")
	h.render(w, r, rc, "login_sent.html", loginPage{Page: h.page(r, rc, rc.L.T("login.code.title")), Form: f, Email: f.Values["email"], Next: safeNext(r.URL.Query().Get("next"))})
}

func (h *Handler) codeSubmit(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "email", "code")
	next := safeNext(r.PostFormValue("next"))
	again := func(status int) {
		h.renderStatus(w, r, rc, status, "login_sent.html", loginPage{Page: h.page(r, rc, rc.L.T("login.code.title")), Form: f, Email: f.Values["email"], Next: next})
	}
	if !wijk.ValidEmail(strings.ToLower(f.Values["email"])) {
		f.Errors["email"] = rc.L.T("error.email")
		again(http.StatusBadRequest)
		return
	}
	if !h.allow(w, r, rc, f.Values["email"]) {
		return
	}
	req, err := h.store.UseLoginCode(ctx(r), f.Values["email"], f.Values["code"])
	if err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		if _, ok := f.Errors["link"]; ok {
			delete(f.Errors, "link")
			f.Errors["code"] = rc.L.T("error.link_expired")
		}
		f.Values["code"] = ""
		again(http.StatusBadRequest)
		return
	}
	h.completeLogin(w, r, rc, req, next)
}

func (h *Handler) linkConfirmForm(w http.ResponseWriter, r *http.Request, rc *request) {
	tok := r.PathValue("token")
	valid, err := h.store.LoginLinkValid(ctx(r), tok)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	status := http.StatusOK
	if !valid {
		status = http.StatusGone
	}
	h.renderStatus(w, r, rc, status, "login_confirm.html", confirmPage{Page: h.page(r, rc, rc.L.T("login.confirm.title")), Token: tok, Valid: valid})
}

func (h *Handler) linkConfirm(w http.ResponseWriter, r *http.Request, rc *request) {
	if !h.allow(w, r, rc, "") {
		return
	}
	req, err := h.store.UseLoginLink(ctx(r), r.PathValue("token"))
	if err != nil {
		if wei.ErrorCode(err) == wei.EINVALID {
			h.renderStatus(w, r, rc, http.StatusGone, "login_confirm.html", confirmPage{Page: h.page(r, rc, rc.L.T("login.confirm.title")), Valid: false})
			return
		}
		h.serverError(w, r, rc, err)
		return
	}
	h.completeLogin(w, r, rc, req, safeNext(r.URL.Query().Get("next")))
}

// completeLogin signs in the owner of a proven e-mail address. A sign-up
// creates the account, the resident record in the chosen wijk and the
// bewoner role first, in that order, all before the session starts.
func (h *Handler) completeLogin(w http.ResponseWriter, r *http.Request, rc *request, req store.LoginRequest, next string) {
	u, err := h.store.UserByEmail(ctx(r), req.Email)
	if wei.ErrorCode(err) == wei.ENOTFOUND && req.SignupName != "" {
		u, err = h.signup(r, rc, req)
	}
	if err != nil {
		if wei.ErrorCode(err) == wei.ENOTFOUND {
			http.Redirect(w, r, "/aanmelden", http.StatusSeeOther)
			return
		}
		h.serverError(w, r, rc, err)
		return
	}
	if next == "" {
		next = "/mijn"
	}
	h.startSession(w, r, rc, u.ID, next)
}

func (h *Handler) signup(r *http.Request, rc *request, req store.LoginRequest) (account.User, error) {
	u := account.User{Email: req.Email, DisplayName: req.SignupName, Locale: rc.L.Lang()}
	if err := h.store.CreateUser(ctx(r), &u); err != nil {
		return u, err
	}
	if req.SignupWijk == "" {
		return u, nil
	}
	now := time.Now()
	p := wijk.Person{WijkID: req.SignupWijk, DisplayName: u.DisplayName, Email: u.Email, UserID: u.ID, ConsentAt: now}
	selfSignup := privacy.AuditEntry{ActorID: u.ID, WijkID: req.SignupWijk, Action: privacy.ActionCreate, SubjectType: "person",
		Detail: "signed up", RequestID: rc.RequestID}
	if err := h.store.CreatePerson(ctx(r), &p, selfSignup); err != nil {
		return u, err
	}
	return u, h.store.AddGrant(ctx(r), &account.Grant{UserID: u.ID, WijkID: req.SignupWijk, Role: account.RoleBewoner})
}

func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, rc *request, userID, next string) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		_ = h.store.DeleteSession(ctx(r), c.Value)
	}
	tok, _, err := h.store.CreateSession(ctx(r), userID, h.cfg.SessionTTL)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.setCookie(w, sessionCookie, tok, h.cfg.SessionTTL)
	h.clearCookie(w, csrfCookie)
	h.log.Info("login", slog.String("user_id", userID), slog.String("request_id", rc.RequestID))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *Handler) passwordLogin(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "email")
	next := safeNext(r.PostFormValue("next"))
	email := strings.ToLower(f.Values["email"])
	if !h.allow(w, r, rc, email) {
		return
	}
	u, err := h.store.UserByEmail(ctx(r), email)
	if err != nil && wei.ErrorCode(err) != wei.ENOTFOUND {
		h.serverError(w, r, rc, err)
		return
	}
	if err != nil || u.PasswordHash == "" || !account.CheckPassword(u.PasswordHash, r.PostFormValue("password")) {
		if err != nil {
			// Spend the same time as a real check, so timing does not tell
			// which addresses have an account.
			account.CheckPassword(dummyHash, r.PostFormValue("password"))
		}
		f.Errors["password"] = rc.L.T("error.login_failed")
		h.renderStatus(w, r, rc, http.StatusUnauthorized, "login.html", loginPage{Page: h.page(r, rc, rc.L.T("login.title")), Form: f, Next: next, Staff: true})
		return
	}
	if next == "" {
		next = "/mijn"
	}
	h.startSession(w, r, rc, u.ID, next)
}

var dummyHash = func() string {
	h, err := account.HashPassword(wei.RandomToken(16))
	if err != nil {
		panic(err)
	}
	return h
}()

func (h *Handler) signupForm(w http.ResponseWriter, r *http.Request, rc *request) {
	wijken, err := h.wijkOptions(r, "")
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.render(w, r, rc, "signup.html", loginPage{Page: h.page(r, rc, rc.L.T("signup.title")), Form: newForm(), Wijken: wijken})
}

func (h *Handler) signupSubmit(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "display_name", "email", "wijk", "consent")
	email := strings.ToLower(f.Values["email"])
	u := account.User{Email: email, DisplayName: f.Values["display_name"], Locale: rc.L.Lang()}
	u.Normalize()
	f.setErr(rc, u.Validate())
	var wijkID string
	if f.Values["wijk"] != "" {
		wk, err := h.store.WijkBySlug(ctx(r), f.Values["wijk"])
		if err != nil {
			f.Errors["wijk"] = rc.L.T("error.choice")
		}
		wijkID = wk.ID
	}
	if f.Values["consent"] != "yes" {
		f.Errors["consent"] = rc.L.T("error.consent")
	}
	if f.HasErrors() {
		wijken, err := h.wijkOptions(r, f.Values["wijk"])
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderStatus(w, r, rc, http.StatusBadRequest, "signup.html", loginPage{Page: h.page(r, rc, rc.L.T("signup.title")), Form: f, Wijken: wijken})
		return
	}
	if !h.allow(w, r, rc, email) {
		return
	}
	if err := h.sendLoginMail(r, rc, store.LoginRequest{Email: email, SignupName: u.DisplayName, SignupWijk: wijkID}, ""); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.render(w, r, rc, "login_sent.html", loginPage{Page: h.page(r, rc, rc.L.T("login.sent.title")), Form: f, Email: email, Sent: true})
}

func (h *Handler) wijkOptions(r *http.Request, selected string) ([]Option, error) {
	ws, err := h.store.Wijken(ctx(r))
	if err != nil {
		return nil, err
	}
	out := make([]Option, 0, len(ws))
	for _, w := range ws {
		out = append(out, Option{Value: w.Slug, Label: w.Name, Selected: w.Slug == selected})
	}
	return out, nil
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request, rc *request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := h.store.DeleteSession(ctx(r), c.Value); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
	}
	h.clearCookie(w, sessionCookie)
	h.flash(w, "flash.logged_out")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (h *Handler) setLanguage(w http.ResponseWriter, r *http.Request, rc *request) {
	lang := r.PostFormValue("lang")
	if lang != "nl" && lang != "en" {
		h.renderError(w, r, rc, http.StatusBadRequest, "error.bad_request.title", "error.bad_request.text")
		return
	}
	h.setCookie(w, langCookie, lang, 365*24*time.Hour)
	if rc.Actor.SignedIn() {
		if err := h.store.SetUserLocale(ctx(r), rc.Actor.User.ID, lang); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
	}
	next := safeNext(r.PostFormValue("next"))
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

var _ = fmt.Sprintf
