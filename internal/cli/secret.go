package cli

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/reyn-cli/reyn/internal/audit"
	"github.com/reyn-cli/reyn/internal/dotenv"
	"github.com/reyn-cli/reyn/internal/store"
)

const eventsDisplayPath = "~/.reyn/events.jsonl"

func (a *app) SecretSet(args []string) int    { return a.put(args[0], audit.SecretSet) }
func (a *app) SecretRotate(args []string) int { return a.put(args[0], audit.SecretRotated) }

// put is set and rotate: they differ only in the event they record and the line they print.
func (a *app) put(arg, eventType string) int {
	if code := a.load(); code != 0 {
		return code
	}
	key, value, inline := strings.Cut(arg, "=")
	if key == "" {
		return a.emit(msgErrEmptyKey())
	}
	if !dotenv.ValidKey(key) {
		// The key is not echoed: `set sk-live-…` (a value where the key belongs) lands here.
		return a.emit(msgErrInvalidKey())
	}
	if looksLikeCredential(key) {
		return a.emit(msgErrKeyLooksLikeValue())
	}
	if !inline {
		v, code := a.readValue(key)
		if code != 0 {
			return code
		}
		value = v
	}
	if a.sys.OnStore != nil {
		a.sys.OnStore(value)
	}
	if strings.IndexByte(value, 0) >= 0 {
		return a.emit(msgErrNulValue())
	}
	_, err := a.store.Update(func(doc *dotenv.Doc) (bool, error) {
		return guardedEdit(doc, key, func() bool { doc.Set(key, value); return true })
	}, a.appendEvent(eventType, key))
	if code := a.storeError(err); code != 0 {
		return code
	}
	if eventType == audit.SecretRotated {
		return a.emit(msgSecretRotated(key))
	}
	return a.emit(msgSecretSaved(key))
}

func (a *app) SecretClear(args []string) int {
	if code := a.load(); code != 0 {
		return code
	}
	key := args[0]
	if key == "" {
		return a.emit(msgErrEmptyKey())
	}
	// A key the startup load did not see is reported without taking the lock, so a
	// no-op never creates ~/.reyn or touches the file.
	removed := false
	if a.loaded != nil {
		if _, ok := a.loaded.Doc.Lookup(key); ok {
			var err error
			removed, err = a.store.Update(func(doc *dotenv.Doc) (bool, error) {
				return guardedEdit(doc, key, func() bool { return doc.Delete(key) })
			}, a.appendEvent(audit.SecretCleared, key))
			if code := a.storeError(err); code != 0 {
				return code
			}
		}
	} else if a.loadErr != nil {
		return a.emit(msgErrRead(store.DisplayPath, a.loadErr.Error()))
	}
	if !removed {
		return a.emit(msgSecretNotFound(a.shownKey(key)))
	}
	return a.emit(msgSecretRemoved(key))
}

func (a *app) appendEvent(eventType, key string) func() error {
	return func() error {
		return audit.Append(a.store.EventsPath(), eventType, key, a.sys.Now(), a.agentID)
	}
}

func (a *app) agentID() string {
	h, err := a.sys.Hostname()
	if err != nil || h == "" {
		h = "unknown"
	}
	return "reyn/" + h
}

// openQuoteError refuses an edit that would change how another key reads.
type openQuoteError struct{ line int }

func (e *openQuoteError) Error() string { return "unterminated quote" }

// guardedEdit runs edit on doc. A quote that is never closed is the one case where an
// edit of one key can change how others read (text written after it may close it), so
// when the file has one, every other key is compared before and after, and a change
// that would alter any of them is refused.
func guardedEdit(doc *dotenv.Doc, key string, edit func() bool) (bool, error) {
	open := slices.IndexFunc(doc.Warnings(), dotenv.Warning.Unterminated)
	if open < 0 {
		return edit(), nil
	}
	line := doc.Warnings()[open].Line
	before := doc.Entries()
	changed := edit()
	after := doc.Entries()
	others := 0
	for _, e := range after {
		if e.Key != key {
			others++
		}
	}
	for _, e := range before {
		if e.Key == key {
			continue
		}
		others--
		if v, ok := doc.Lookup(e.Key); !ok || v != e.Value {
			return false, &openQuoteError{line}
		}
	}
	if others != 0 {
		return false, &openQuoteError{line}
	}
	return changed, nil
}

// storeError reports a failed store change and returns its exit code (0 for nil).
func (a *app) storeError(err error) int {
	var oq *openQuoteError
	if errors.As(err, &oq) {
		return a.emit(msgErrOpenQuote(store.DisplayPath, strconv.Itoa(oq.line)))
	}
	var re *store.ReadError
	var we *store.WriteError
	var ae *store.AfterError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &re):
		return a.emit(msgErrRead(store.DisplayPath, re.Err.Error()))
	case errors.As(err, &we):
		return a.emit(msgErrWrite(store.DisplayPath, we.Err.Error()))
	case errors.As(err, &ae):
		return a.emit(msgErrAudit(eventsDisplayPath, causeText(ae.Err)))
	}
	return a.emit(msgErrWrite(store.DisplayPath, err.Error()))
}
