-- The web app moved from hash routes (#/signalen/…) to browser routes (/signalen/…): notifications already in an
-- inbox lead to the same signal with the new address.
UPDATE meldingen SET link = substr(link, 2) WHERE link LIKE '#/%';
