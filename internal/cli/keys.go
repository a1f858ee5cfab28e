package cli

import (
	"strings"

	"github.com/reyn-cli/reyn/internal/audit"
	"github.com/reyn-cli/reyn/internal/dotenv"
)

// credentialPrefixes start tokens that are also valid variable names, so the name rule
// alone would store a pasted token as a key, print it and write it to the audit log.
var credentialPrefixes = []struct {
	prefix string
	minLen int
}{
	{"ghp_", 40}, {"gho_", 40}, {"ghu_", 40}, {"ghs_", 40}, {"ghr_", 40}, // GitHub
	{"github_pat_", 40},
	{"sk_live_", 20}, {"sk_test_", 20}, {"rk_live_", 20}, {"rk_test_", 20}, // Stripe
	{"npm_", 36}, {"hf_", 30}, {"dop_v1_", 40}, {"shpat_", 30}, {"xoxb_", 20},
	{"AKIA", 20}, {"ASIA", 20}, {"AIza", 39}, // AWS, Google
}

// looksLikeCredential says whether a would-be key is more likely a token pasted where
// the key belongs: a known token prefix, or a long run of letters and digits of both
// cases with digits, which names like GITHUB_TOKEN or github_oauth_secret never have.
func looksLikeCredential(key string) bool {
	for _, p := range credentialPrefixes {
		if strings.HasPrefix(key, p.prefix) && len(key) >= p.minLen {
			return true
		}
	}
	if len(key) < 24 {
		return false
	}
	var lower, upper, digit bool
	run, longest := 0, 0
	for _, c := range []byte(key) {
		switch {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= '0' && c <= '9':
			digit = true
		default:
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return lower && upper && digit && longest >= 20
}

// shownKey is how a message names a key the user typed. A key that cannot be a stored
// name, that looks like a credential, or that equals a stored value is a secret pasted
// in the wrong place, and is shown masked.
func (a *app) shownKey(key string) string {
	if !dotenv.ValidKey(key) || looksLikeCredential(key) {
		return audit.Masked
	}
	for _, e := range a.entries {
		if e.Value == key {
			return audit.Masked
		}
	}
	return key
}
