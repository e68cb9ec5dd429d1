// Package api is WEI's JSON API, mounted at /api/v1/. Clients authenticate
// with a personal API token ("Authorization: Bearer wei_..."); anonymous
// requests may use the public routes. Every route is listed in routes.go
// with the permission it needs; one wrapper checks it through
// account.Actor.Can (or CanOrg for routes on one organisation), so no
// handler compares roles.
package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/requestid"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// Prefix is where the server mounts the API.
const Prefix = "/api/v1"

// api holds the dependencies of the handlers.
type api struct {
	store *store.Store
	log   *slog.Logger
	mux   *http.ServeMux
	now   func() time.Time
}

// call is what the wrapper resolved before a handler runs.
type call struct {
	actor     account.Actor
	wijk      wijk.Wijk // zero for routes without {wijk}
	requestID string
}

// New returns the JSON API handler. It expects full paths (/api/v1/...) and
// a request ID in the context (the server wraps it with requestid.Middleware).
func New(s *store.Store, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &api{store: s, log: log, mux: http.NewServeMux(), now: time.Now}
	for _, rt := range routes {
		a.mux.Handle(rt.Method+" "+rt.Pattern, a.wrap(rt))
	}
	return a
}

// ServeHTTP dispatches to the route table and answers unknown paths and
// wrong methods with the JSON error body instead of ServeMux's plain text.
func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := a.mux.Handler(r); pattern != "" {
		a.mux.ServeHTTP(w, r)
		return
	}
	if allow := a.allowed(r); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		// 405 is about routing, not the domain, so it has no wei code.
		a.writeBody(w, r, http.StatusMethodNotAllowed, errorBody{Code: "method_not_allowed", Message: "This method is not allowed here."})
		return
	}
	a.writeError(w, r, &wei.Error{Code: wei.ENOTFOUND, Message: "There is no such API route."})
}

// allowed returns the methods that the path does support.
func (a *api) allowed(r *http.Request) []string {
	var out []string
	seen := map[string]bool{}
	for _, rt := range routes {
		if seen[rt.Method] {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = rt.Method
		if _, pattern := a.mux.Handler(probe); pattern != "" {
			seen[rt.Method] = true
			out = append(out, rt.Method)
			if rt.Method == http.MethodGet {
				out = append(out, http.MethodHead) // ServeMux serves HEAD with GET
			}
		}
	}
	return out
}

// wrap builds the one authorisation path every route goes through:
// authenticate the token, resolve {wijk}, then ask the policy (Actor.Can,
// or Actor.CanOrg for a route scoped to the organisation in its path).
func (a *api) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &call{requestID: requestid.From(r.Context())}
		actor, err := a.authenticate(r)
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		c.actor = actor
		if slug := r.PathValue("wijk"); slug != "" {
			c.wijk, err = a.store.WijkBySlug(r.Context(), slug)
			if err != nil {
				a.writeError(w, r, err)
				return
			}
		}
		if !rt.allows(c.actor, c.wijk.ID, r) {
			if !c.actor.SignedIn() {
				a.writeError(w, r, errSignIn)
			} else {
				a.writeError(w, r, &wei.Error{Code: wei.EFORBIDDEN, Message: "You may not do this in this wijk."})
			}
			return
		}
		if err := rt.Handle(a, w, r, c); err != nil {
			a.writeError(w, r, err)
		}
	})
}

var errSignIn = &wei.Error{Code: wei.EUNAUTHORIZED, Message: "Send a valid API token: Authorization: Bearer wei_..."}

// authenticate returns the actor of the request: anonymous without an
// Authorization header, an EUNAUTHORIZED error for a malformed, unknown or
// revoked token (also on public routes, so a client notices a bad token).
func (a *api) authenticate(r *http.Request) (account.Actor, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return account.Actor{}, nil
	}
	scheme, tok, ok := strings.Cut(h, " ")
	tok = strings.TrimSpace(tok)
	if !ok || !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(tok, store.APITokenPrefix) {
		return account.Actor{}, errSignIn
	}
	u, err := a.store.UserByAPIToken(r.Context(), tok)
	if errors.Is(err, wei.ErrNotFound) {
		return account.Actor{}, errSignIn
	} else if err != nil {
		return account.Actor{}, err
	}
	grants, err := a.store.GrantsOfUser(r.Context(), u.ID)
	if err != nil {
		return account.Actor{}, err
	}
	return account.Actor{User: &u, Grants: grants}, nil
}
