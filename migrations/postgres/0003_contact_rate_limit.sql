-- "Talk to us" requests are limited per client address by the same counter as sign-ins
-- (`throttle::CONTACT`).
ALTER TABLE rate_limit_events DROP CONSTRAINT rate_limit_events_action_check;
ALTER TABLE rate_limit_events ADD CONSTRAINT rate_limit_events_action_check
    CHECK (action IN ('sign_in', 'password_reset', 'contact'));
