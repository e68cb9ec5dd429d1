package account

import (
	"strings"
	"testing"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	t.Parallel()
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$") {
		t.Fatalf("HashPassword=%q, want argon2id PHC string", h)
	}
	if !CheckPassword(h, "correct horse battery") {
		t.Error("CheckPassword(right)=false, want true")
	}
	if CheckPassword(h, "correct horse batterY") {
		t.Error("CheckPassword(wrong)=true, want false")
	}
	if CheckPassword("garbage", "x") {
		t.Error("CheckPassword(garbage)=true, want false")
	}
}

func TestCan(t *testing.T) {
	t.Parallel()
	pm := Actor{User: &User{ID: "u"}, Grants: []Grant{{WijkID: "w1", Role: RoleProcesmanager}}}
	for _, tc := range []struct {
		name  string
		actor Actor
		perm  Permission
		wijk  string
		want  bool
	}{
		{"anonymous sees wijk", Actor{}, PermViewWijk, "w1", true},
		{"anonymous has no own page", Actor{}, PermMine, "", false},
		{"procesmanager sees people in own wijk", pm, PermViewPeople, "w1", true},
		{"procesmanager not in other wijk", pm, PermViewPeople, "w2", false},
		{"procesmanager cannot manage roles", pm, PermManageRoles, "w1", false},
		{"admin can all", Actor{User: &User{IsAdmin: true}}, PermManageWijken, "", true},
		{"no wijk, no staff permission", pm, PermViewPeople, "", false},
	} {
		if got := tc.actor.Can(tc.perm, tc.wijk); got != tc.want {
			t.Errorf("%s: Can=%v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCanOrg(t *testing.T) {
	t.Parallel()
	lead := Actor{User: &User{ID: "u"}, Grants: []Grant{{WijkID: "w1", Role: RoleInitiatiefnemer, OrganisationID: "o1"}}}
	for _, tc := range []struct {
		name string
		perm Permission
		wijk string
		org  string
		want bool
	}{
		{"lead records learning of own initiative", PermRecordLearning, "w1", "o1", true},
		{"lead not for another initiative", PermRecordLearning, "w1", "o2", false},
		{"lead not in another wijk", PermRecordLearning, "w2", "o1", false},
		{"lead cannot move the phase", PermMovePhase, "w1", "o1", false},
		{"lead edits own members", PermEditMemberships, "w1", "o1", true},
	} {
		if got := lead.CanOrg(tc.perm, tc.wijk, tc.org); got != tc.want {
			t.Errorf("%s: CanOrg=%v, want %v", tc.name, got, tc.want)
		}
	}
}
