package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// ExportUser gathers everything WEI holds about an account, and records the
// export in the audit log.
func (s *Store) ExportUser(ctx context.Context, userID, requestID string) (privacy.Export, error) {
	var x privacy.Export
	u, err := s.User(ctx, userID)
	if err != nil {
		return x, err
	}
	x.ExportedAt = s.now().UTC()
	x.Account = privacy.ExportAccount{ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Locale: u.Locale,
		HasPassword: u.PasswordHash != "", CreatedAt: u.CreatedAt, LastLoginAt: u.LastLoginAt}
	people, err := s.PeopleOfUser(ctx, userID)
	if err != nil {
		return x, err
	}
	subjects := []string{userID}
	names := map[string]string{}
	wijkName := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		w, err := s.Wijk(ctx, id)
		if err == nil {
			names[id] = w.Name
		}
		return names[id]
	}
	for _, p := range people {
		subjects = append(subjects, p.ID)
		ep := privacy.ExportPerson{ID: p.ID, Wijk: wijkName(p.WijkID), DisplayName: p.DisplayName, Email: p.Email, Phone: p.Phone,
			ConsentAt: p.ConsentAt, CreatedAt: p.CreatedAt}
		if p.ConsentBy != "" {
			if cu, err := s.User(ctx, p.ConsentBy); err == nil {
				ep.ConsentBy = cu.DisplayName
			}
		}
		if p.BuurtID != "" {
			var bn string
			if err := s.queryRow(ctx, "SELECT name FROM buurten WHERE id = ?", p.BuurtID).Scan(&bn); err == nil {
				ep.Buurt = bn
			}
		}
		x.People = append(x.People, ep)
		ms, err := s.MembershipsOfPerson(ctx, p.ID)
		if err != nil {
			return x, err
		}
		for _, m := range ms {
			x.Memberships = append(x.Memberships, privacy.ExportMembership{Organisation: m.OrganisationName, Role: m.Role,
				StartedOn: dateStr(m.StartedOn), EndedOn: dateStr(m.EndedOn)})
		}
	}
	grants, err := s.GrantsOfUser(ctx, userID)
	if err != nil {
		return x, err
	}
	for _, g := range grants {
		r := privacy.ExportRole{Wijk: wijkName(g.WijkID), Role: g.Role}
		if g.OrganisationID != "" {
			if o, err := s.Organisation(ctx, g.OrganisationID); err == nil {
				r.Organisation = o.Name
			}
		}
		x.Roles = append(x.Roles, r)
	}
	toks, err := s.APITokens(ctx, userID)
	if err != nil {
		return x, err
	}
	for _, t := range toks {
		x.APITokens = append(x.APITokens, privacy.ExportToken{Name: t.Name, CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt, Revoked: !t.RevokedAt.IsZero()})
	}
	if err := s.exportSignals(ctx, &x, userID, subjects[1:], wijkName); err != nil {
		return x, err
	}
	if err := s.exportInputs(ctx, &x, userID, wijkName); err != nil {
		return x, err
	}
	if err := s.exportTimebank(ctx, &x, subjects[1:], wijkName); err != nil {
		return x, err
	}
	entries, err := s.AuditAbout(ctx, subjects, 1000)
	if err != nil {
		return x, err
	}
	for _, e := range entries {
		x.Audit = append(x.Audit, privacy.ExportAudit{At: e.At, Action: e.Action, Subject: e.SubjectType, ByYou: e.ActorID == userID, Detail: e.Detail})
	}
	err = s.Audit(ctx, privacy.AuditEntry{ActorID: userID, Action: privacy.ActionExport, SubjectType: "user", SubjectID: userID, RequestID: requestID})
	return x, err
}

// EraseUser erases an account's personal data (AVG art. 17): the account
// and its resident records are pseudonymised, sessions, tokens and roles are
// removed, pending logins and mail for all its addresses are erased.
// Memberships, counts and the books stay, tied to IDs that no longer lead to
// a person.
func (s *Store) EraseUser(ctx context.Context, userID, actorID, requestID string) error {
	now := ms(s.now())
	return s.inTx(ctx, func(tx *Tx) error {
		var email string
		if err := tx.queryRow(ctx, "SELECT email FROM users WHERE id = ? AND erased_at = 0", userID).Scan(&email); err != nil {
			return notFound(err, "store: erase user %s: %w", userID)
		}
		steps := []struct {
			q    string
			args []any
		}{
			{"UPDATE users SET email = ?, display_name = ?, password_hash = '', erased_at = ?, is_admin = ? WHERE id = ?",
				[]any{"erased-" + userID + "@invalid", wijk.ErasedName, now, false, userID}},
			{"DELETE FROM sessions WHERE user_id = ?", []any{userID}},
			{"UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at = 0", []any{now, userID}},
			{"DELETE FROM grants WHERE user_id = ?", []any{userID}},
		}
		for _, st := range steps {
			if _, err := tx.exec(ctx, st.q, st.args...); err != nil {
				return fmt.Errorf("store: erase user %s: %w", userID, err)
			}
		}
		if err := forgetAddress(ctx, tx, email); err != nil {
			return err
		}
		if err := eraseSignalsOfUser(ctx, tx, userID, now); err != nil {
			return err
		}
		if err := eraseInputsOfUser(ctx, tx, userID); err != nil {
			return err
		}
		rows, err := tx.query(ctx, "SELECT id, wijk_id FROM people WHERE user_id = ? AND erased_at = 0", userID)
		if err != nil {
			return fmt.Errorf("store: erase user %s: %w", userID, err)
		}
		type pw struct{ id, wijk string }
		var people []pw
		for rows.Next() {
			var p pw
			if err := rows.Scan(&p.id, &p.wijk); err != nil {
				rows.Close()
				return err
			}
			people = append(people, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, p := range people {
			if err := erasePerson(ctx, tx, p.id, now); err != nil {
				return err
			}
			if err := audit(ctx, tx, privacy.AuditEntry{ActorID: actorID, WijkID: p.wijk, Action: privacy.ActionErase, SubjectType: "person", SubjectID: p.id, RequestID: requestID}); err != nil {
				return err
			}
		}
		return audit(ctx, tx, privacy.AuditEntry{ActorID: actorID, Action: privacy.ActionErase, SubjectType: "user", SubjectID: userID, RequestID: requestID})
	})
}

// ErasePerson erases a resident record without an account, e.g. one a
// coordinator registered on a resident's behalf.
func (s *Store) ErasePerson(ctx context.Context, wijkID, personID, actorID, requestID string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM people WHERE id = ? AND wijk_id = ? AND erased_at = 0", personID, wijkID).Scan(&n); err != nil {
			return fmt.Errorf("store: erase person: %w", err)
		}
		if n == 0 {
			return wei.ErrNotFound
		}
		if err := erasePerson(ctx, tx, personID, ms(s.now())); err != nil {
			return err
		}
		return audit(ctx, tx, privacy.AuditEntry{ActorID: actorID, WijkID: wijkID, Action: privacy.ActionErase, SubjectType: "person", SubjectID: personID, RequestID: requestID})
	})
}

func erasePerson(ctx context.Context, tx *Tx, id string, now int64) error {
	var email string
	if err := tx.queryRow(ctx, "SELECT email FROM people WHERE id = ?", id).Scan(&email); err != nil {
		return fmt.Errorf("store: erase person %s: %w", id, err)
	}
	_, err := tx.exec(ctx, "UPDATE people SET display_name = ?, email = '', phone = '', erased_at = ? WHERE id = ?", wijk.ErasedName, now, id)
	if err != nil {
		return fmt.Errorf("store: erase person %s: %w", id, err)
	}
	// A time account keeps its balance (the books stay intact) but loses
	// the name; its code names the person by ID only.
	if _, err := tx.exec(ctx, "UPDATE ledger_accounts SET name = ? WHERE person_id = ?", wijk.ErasedName, id); err != nil {
		return fmt.Errorf("store: erase person %s: time account: %w", id, err)
	}
	if err := eraseSignalsOfPerson(ctx, tx, id, now); err != nil {
		return err
	}
	if err := eraseTimebankCode(ctx, tx, id); err != nil {
		return err
	}
	return forgetAddress(ctx, tx, email)
}

// forgetAddress removes the pending logins of an erased e-mail address and
// blanks the mail sent to it.
func forgetAddress(ctx context.Context, tx *Tx, email string) error {
	if email == "" {
		return nil
	}
	if _, err := tx.exec(ctx, "DELETE FROM login_tokens WHERE email = ?", email); err != nil {
		return fmt.Errorf("store: forget address: %w", err)
	}
	if _, err := tx.exec(ctx, "UPDATE outbox SET to_addr = ?, subject = ?, body = '' WHERE lower(to_addr) = ?", "(erased)", "(erased)", email); err != nil {
		return fmt.Errorf("store: forget address: %w", err)
	}
	// The address no longer receives the overleg's periodic reports.
	if _, err := tx.exec(ctx, "DELETE FROM overleg_subscribers WHERE email = ?", strings.ToLower(email)); err != nil {
		return fmt.Errorf("store: forget address: report subscriptions: %w", err)
	}
	return nil
}
