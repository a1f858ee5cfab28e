package cli

import "testing"

func TestLooksLikeCredential(t *testing.T) {
	for key, want := range map[string]bool{
		"GITHUB_PERSONAL_ACCESS_TOKEN":                              false,
		"github_oauth_client_secret":                                false,
		"ANTHROPIC_API_KEY":                                         false,
		"MyAppSecretKey2":                                           false,
		"AWS_SECRET_ACCESS_KEY_2025_PROD_EU_WEST1":                  false,
		"ghp_PastedAsKeyT0k3nABCDEFGHIJKLMNOP1234":                  true,
		"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz": true,
		"sk_live_51HqLyjWDarjtT1zdp7dc":                             true,
		"AKIAIOSFODNN7EXAMPLE":                                      true,
		"aB3dE5gH7jK9mN1pQ3sT5vW7yZ":                                true,
		"ghp_":                                                      false,
	} {
		if got := looksLikeCredential(key); got != want {
			t.Errorf("looksLikeCredential(%q) = %v, want %v", key, got, want)
		}
	}
}
