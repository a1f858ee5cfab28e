package cli

import (
	"errors"
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
	if !inline {
		v, code := a.readValue(key)
		if code != 0 {
			return code
		}
		value = v
	}
	if strings.IndexByte(value, 0) >= 0 {
		return a.emit(msgErrNulValue())
	}
	_, err := a.store.Update(func(doc *dotenv.Doc) (bool, error) {
		doc.Set(key, value)
		return true, nil
	}, a.appendEvent(eventType, key))
	if code := a.storeError(err); code != 0 {
		return code
	}
	if a.sys.OnStore != nil {
		a.sys.OnStore(value)
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
				return doc.Delete(key), nil
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

// shownKey guards the one place a free-form argument is echoed: when the "key" given to
// clear is in fact a stored value (pasted in the wrong place), it is shown masked.
func (a *app) shownKey(key string) string {
	if a.loaded != nil {
		for _, e := range a.loaded.Doc.Entries() {
			if e.Value == key {
				return audit.Masked
			}
		}
	}
	return key
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

// storeError reports a failed store change and returns its exit code (0 for nil).
func (a *app) storeError(err error) int {
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
