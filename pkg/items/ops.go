package items

import (
	"context"

	"apigwdirect/pkg/mapping"
	"apigwdirect/pkg/store"
)

func (h *Handler) create(ctx context.Context, s store.Store, body []byte) result {
	it, err := h.cfg.Validator.ParseItem(body)
	if err != nil {
		return fromError(err)
	}
	stored, err := s.Create(ctx, it)
	if err != nil {
		return fromError(err)
	}
	return itemResult(201, stored)
}

func (h *Handler) replace(ctx context.Context, s store.Store, id string, body []byte) result {
	it, err := h.cfg.Validator.ParseReplacement(body, id)
	if err != nil {
		return fromError(err)
	}
	created, err := s.Replace(ctx, it)
	if err != nil {
		return fromError(err)
	}
	if created {
		return ok(201, nil)
	}
	return ok(204, nil)
}

func (h *Handler) get(ctx context.Context, s store.Store, id string) result {
	it, err := s.Get(ctx, id)
	if err != nil {
		return fromError(err)
	}
	return itemResult(200, it)
}

func (h *Handler) delete(ctx context.Context, s store.Store, id string) result {
	if _, err := s.Delete(ctx, id); err != nil {
		return fromError(err)
	}
	return ok(204, nil)
}

func (h *Handler) list(ctx context.Context, s store.Store, limitParam, next string) result {
	limit, err := mapping.ParseLimit(limitParam)
	if err != nil {
		return fromError(err)
	}
	start, err := mapping.DecodeToken(next)
	if err != nil {
		return fromError(err)
	}
	page, err := s.List(ctx, limit, start)
	if err != nil {
		return fromError(err)
	}
	tok, err := mapping.EncodeToken(page.LastKey)
	if err != nil {
		return internal(err)
	}
	body, err := mapping.ListBody(page.Items, tok)
	if err != nil {
		return internal(err)
	}
	return ok(200, body)
}

func itemResult(status int, it mapping.Item) result {
	body, err := mapping.ItemBody(it)
	if err != nil {
		return internal(err)
	}
	return ok(status, body)
}
