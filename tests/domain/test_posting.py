"""Posting rules: what a watch break refuses in the browser, platform by platform.

Every built-in rule must be one the browsers' blocking rules read as Python does, and each
platform's table below says, for requests its site makes, which are refused (publishing,
replying, reposting, liking, following, messaging) and which go through (reading).
"""

from __future__ import annotations

import re

import pytest

from breakwell.domain.errors import InvalidInput
from breakwell.domain.platforms import BUILTIN_PLATFORMS, DEFAULT_CATALOGUE, Platform
from breakwell.domain.posting import (
    MAX_PATTERN,
    PostingRule,
    check_methods,
    check_pattern,
    check_rule,
    is_posting,
    posting_rules_for_extension,
)

POSTS, READS = True, False

SAMPLES: dict[str, list[tuple[str, str, bool]]] = {
    "x": [
        ("POST", "https://x.com/i/api/graphql/a1B-c_2/CreateTweet", POSTS),
        ("POST", "https://twitter.com/i/api/graphql/zz9/CreateRetweet", POSTS),
        ("POST", "https://x.com/i/api/graphql/lI07N6/FavoriteTweet", POSTS),
        ("POST", "https://x.com/i/api/graphql/VaenaVg/DeleteTweet", POSTS),
        ("POST", "https://x.com/i/api/graphql/Xy1/CreateNoteTweet", POSTS),
        ("POST", "https://x.com/i/api/graphql/Q1/useDMReactionMutationAddMutation", POSTS),
        ("POST", "https://x.com/i/api/1.1/friendships/create.json", POSTS),
        ("POST", "https://x.com/i/api/1.1/dm/new2.json?ext=mediaColor", POSTS),
        ("POST", "https://upload.x.com/i/media/upload.json?command=INIT", POSTS),
        ("GET", "https://x.com/home", READS),
        ("GET", "https://x.com/i/api/graphql/abc/TweetDetail?variables=%7B%7D", READS),
        ("POST", "https://x.com/i/api/graphql/abc/HomeLatestTimeline", READS),
        ("GET", "https://x.com/i/api/1.1/dm/inbox_initial_state.json", READS),
        ("POST", "https://x.com/i/api/1.1/jot/client_event.json", READS),
        # Private to the person, not posting.
        ("POST", "https://x.com/i/api/graphql/abc/CreateBookmark", READS),
        # A longer operation name is another operation.
        ("POST", "https://x.com/i/api/graphql/abc/CreateTweetDownvoteSomething", READS),
        ("GET", "https://x.com/i/api/graphql/abc/CreateTweet", READS),
    ],
    "facebook": [
        ("POST", "https://www.facebook.com/ajax/ufi/add_comment.php?av=1", POSTS),
        ("POST", "https://www.facebook.com/ajax/add_friend/action.php", POSTS),
        ("POST", "https://www.facebook.com/ajax/mercury/send_messages.php", POSTS),
        ("POST", "https://m.facebook.com/a/comment.php?fs=8&ft_ent_identifier=1", POSTS),
        ("POST", "https://m.facebook.com/messages/send/?icm=1", POSTS),
        ("POST", "https://upload.facebook.com/ajax/react_composer/attachments/photo/upload", POSTS),
        ("POST", "https://rupload.facebook.com/messenger_image/abc", POSTS),
        ("GET", "https://www.facebook.com/", READS),
        # Reading and most posting alike: the action is in the body, out of a rule's sight.
        ("POST", "https://www.facebook.com/api/graphql/", READS),
        ("GET", "https://m.facebook.com/story.php?story_fbid=1&id=2", READS),
        ("POST", "https://www.facebook.com/ajax/bz", READS),
    ],
    "instagram": [
        ("POST", "https://www.instagram.com/api/v1/web/likes/3091081576/like/", POSTS),
        ("POST", "https://www.instagram.com/api/v1/web/comments/3091081576/add/", POSTS),
        ("POST", "https://www.instagram.com/api/v1/friendships/create/25025320/", POSTS),
        ("POST", "https://www.instagram.com/api/v1/web/friendships/25025320/follow/", POSTS),
        ("POST", "https://www.instagram.com/api/v1/media/configure/", POSTS),
        ("POST", "https://i.instagram.com/api/v1/media/configure_to_clips/", POSTS),
        ("POST", "https://www.instagram.com/api/v1/media/3091_25/delete/", POSTS),
        ("POST", "https://www.instagram.com/api/v1/web/comments/3091/delete/1791/", POSTS),
        ("POST", "https://i.instagram.com/api/v1/direct_v2/threads/broadcast/text/", POSTS),
        ("POST", "https://www.instagram.com/rupload_igphoto/fb_uploader_1", POSTS),
        ("GET", "https://www.instagram.com/", READS),
        ("GET", "https://www.instagram.com/api/v1/feed/reels_tray/", READS),
        ("POST", "https://www.instagram.com/api/v1/feed/timeline/", READS),
        ("POST", "https://www.instagram.com/graphql/query", READS),
        ("POST", "https://www.instagram.com/api/v1/direct_v2/threads/1/items/2/seen/", READS),
    ],
    "tiktok": [
        ("POST", "https://www.tiktok.com/api/comment/publish/?aid=1988&aweme_id=7", POSTS),
        ("POST", "https://www.tiktok.com/api/commit/item/digg/?aweme_id=7&type=1", POSTS),
        ("POST", "https://www.tiktok.com/api/commit/follow/user/?aid=1988", POSTS),
        ("POST", "https://www.tiktok.com/tiktok/v1/upvote/publish/?item_id=7", POSTS),
        ("POST", "https://im-api.tiktok.com/v1/message/send", POSTS),
        ("GET", "https://www.tiktok.com/@someone/video/7", READS),
        ("GET", "https://www.tiktok.com/api/recommend/item_list/?count=9", READS),
        ("GET", "https://www.tiktok.com/api/comment/list/?aweme_id=7", READS),
        ("GET", "https://www.tiktok.com/api/comment/publish/", READS),
    ],
    "reddit": [
        ("POST", "https://www.reddit.com/api/comment", POSTS),
        ("POST", "https://old.reddit.com/api/vote?dir=1&id=t3_abc", POSTS),
        ("POST", "https://oauth.reddit.com/api/submit?raw_json=1", POSTS),
        ("POST", "https://www.reddit.com/api/subscribe.json", POSTS),
        ("POST", "https://www.reddit.com/svc/shreddit/t3_abc/create-comment", POSTS),
        (
            "PUT",
            "https://matrix.redditspace.com/_matrix/client/v3/rooms/!r:reddit.com/send/"
            "m.room.message/m1",
            POSTS,
        ),
        ("POST", "https://matrix.redditspace.com/_matrix/client/v3/join/%23room", POSTS),
        ("GET", "https://www.reddit.com/r/python/", READS),
        ("GET", "https://www.reddit.com/svc/shreddit/more-comments/python/t3_abc", READS),
        ("POST", "https://www.reddit.com/svc/shreddit/graphql", READS),
        ("POST", "https://www.reddit.com/api/read_message", READS),
        ("GET", "https://matrix.redditspace.com/_matrix/client/v3/sync?since=s1", READS),
    ],
    "youtube": [
        ("POST", "https://www.youtube.com/youtubei/v1/like/like?prettyPrint=false", POSTS),
        ("POST", "https://www.youtube.com/youtubei/v1/comment/create_comment", POSTS),
        ("POST", "https://www.youtube.com/youtubei/v1/comment/update_comment", POSTS),
        ("POST", "https://www.youtube.com/youtubei/v1/subscription/subscribe", POSTS),
        ("POST", "https://www.youtube.com/youtubei/v1/live_chat/send_message", POSTS),
        ("POST", "https://m.youtube.com/youtubei/v1/comment/perform_comment_action", POSTS),
        ("POST", "https://upload.youtube.com/upload/studio?authuser=0", POSTS),
        ("GET", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", READS),
        ("POST", "https://www.youtube.com/youtubei/v1/browse?prettyPrint=false", READS),
        ("POST", "https://www.youtube.com/youtubei/v1/next", READS),
        ("POST", "https://www.youtube.com/youtubei/v1/player", READS),
        ("POST", "https://www.youtube.com/youtubei/v1/live_chat/get_live_chat", READS),
    ],
    "linkedin": [
        ("POST", "https://www.linkedin.com/voyager/api/contentcreation/normShares", POSTS),
        (
            "POST",
            "https://www.linkedin.com/voyager/api/voyagerSocialDashReactions?threadUrn=urn",
            POSTS,
        ),
        (
            "POST",
            "https://www.linkedin.com/voyager/api/voyagerSocialDashNormComments?decorationId=d",
            POSTS,
        ),
        (
            "POST",
            "https://www.linkedin.com/voyager/api/voyagerMessagingDashMessengerMessages"
            "?action=createMessage",
            POSTS,
        ),
        (
            "POST",
            "https://www.linkedin.com/voyager/api/messaging/conversations?action=create",
            POSTS,
        ),
        (
            "POST",
            "https://www.linkedin.com/voyager/api/feed/dash/followingStates/urn:li:fsd_followingState:1",
            POSTS,
        ),
        (
            "POST",
            "https://www.linkedin.com/voyager/api/voyagerRelationshipsDashMemberRelationships"
            "?action=verifyQuotaAndCreate",
            POSTS,
        ),
        (
            "POST",
            "https://www.linkedin.com/voyager/api/voyagerMediaUploadMetadata?action=upload",
            POSTS,
        ),
        ("GET", "https://www.linkedin.com/feed/", READS),
        (
            "GET",
            "https://www.linkedin.com/voyager/api/graphql?variables=(count:10)"
            "&queryId=voyagerSocialDashReactions.abc",
            READS,
        ),
        ("GET", "https://www.linkedin.com/voyager/api/voyagerSocialDashReactions?q=x", READS),
        ("POST", "https://www.linkedin.com/li/track", READS),
    ],
    "mastodon": [
        ("POST", "https://mastodon.social/api/v1/statuses", POSTS),
        ("POST", "https://my.server.example/api/v1/statuses/1093/reblog", POSTS),
        ("POST", "https://mastodon.social/api/v1/statuses/1093/favourite", POSTS),
        ("POST", "https://mastodon.social/api/v1/accounts/42/follow", POSTS),
        ("DELETE", "https://mastodon.social/api/v1/statuses/1093", POSTS),
        ("PUT", "https://mastodon.social/api/v1/statuses/1093", POSTS),
        ("POST", "https://mastodon.social/api/v2/media", POSTS),
        ("POST", "https://mastodon.social/api/v1/polls/77/votes", POSTS),
        ("GET", "https://mastodon.social/api/v1/timelines/home?limit=40", READS),
        ("GET", "https://mastodon.social/api/v1/statuses/1093/context", READS),
        ("GET", "https://mastodon.social/api/v1/statuses/1093", READS),
        ("POST", "https://mastodon.social/api/v1/markers", READS),
        ("POST", "https://mastodon.social/api/v1/statuses/1093/bookmark", READS),
        ("POST", "https://mastodon.social/api/v1/conversations/7/read", READS),
    ],
    "bluesky": [
        ("POST", "https://bsky.social/xrpc/com.atproto.repo.createRecord", POSTS),
        (
            "POST",
            "https://morel.us-east.host.bsky.network/xrpc/com.atproto.repo.createRecord",
            POSTS,
        ),
        ("POST", "https://bsky.social/xrpc/com.atproto.repo.deleteRecord", POSTS),
        ("POST", "https://bsky.social/xrpc/com.atproto.repo.applyWrites", POSTS),
        ("POST", "https://bsky.social/xrpc/com.atproto.repo.uploadBlob", POSTS),
        ("POST", "https://api.bsky.chat/xrpc/chat.bsky.convo.sendMessage", POSTS),
        ("POST", "https://video.bsky.app/xrpc/app.bsky.video.uploadVideo?name=a.mp4", POSTS),
        ("GET", "https://bsky.app/profile/someone.bsky.social", READS),
        ("GET", "https://bsky.social/xrpc/app.bsky.feed.getTimeline?limit=30", READS),
        ("POST", "https://bsky.social/xrpc/app.bsky.notification.updateSeen", READS),
        ("POST", "https://api.bsky.chat/xrpc/chat.bsky.convo.updateRead", READS),
        ("POST", "https://bsky.social/xrpc/com.atproto.server.refreshSession", READS),
    ],
    "threads": [
        ("POST", "https://www.threads.net/api/v1/media/configure_text_only_post/", POSTS),
        ("POST", "https://www.threads.net/api/v1/media/configure_text_post_app_feed/", POSTS),
        ("POST", "https://www.threads.com/api/v1/media/3091_25/like/", POSTS),
        ("POST", "https://www.threads.net/api/v1/repost/create_repost/", POSTS),
        ("POST", "https://www.threads.net/api/v1/friendships/create/25025320/", POSTS),
        ("POST", "https://www.threads.com/rupload_igphoto/fb_uploader_1", POSTS),
        ("GET", "https://www.threads.net/@someone", READS),
        ("POST", "https://www.threads.net/api/graphql", READS),
        ("POST", "https://www.threads.net/ajax/bulk-route-definitions/", READS),
        ("GET", "https://www.threads.com/api/v1/text_feed/25025320/profile/", READS),
    ],
    "snapchat": [
        (
            "POST",
            "https://web.snapchat.com/messagingcoreservice.MessagingCoreService/"
            "CreateContentMessage",
            POSTS,
        ),
        (
            "POST",
            "https://aws.api.snapchat.com/messagingcoreservice.MessagingCoreService/"
            "CreateContentMessage",
            POSTS,
        ),
        (
            "POST",
            "https://web.snapchat.com/snapchat.friending.server.FriendAction/AddFriends",
            POSTS,
        ),
        (
            "POST",
            "https://aws.api.snapchat.com/snapchat.friending.server.FriendAction/AddFriends",
            POSTS,
        ),
        ("GET", "https://web.snapchat.com/", READS),
        (
            "POST",
            "https://web.snapchat.com/messagingcoreservice.MessagingCoreService/SyncConversations",
            READS,
        ),
        (
            "POST",
            "https://web.snapchat.com/messagingcoreservice.MessagingCoreService/QueryMessages",
            READS,
        ),
    ],
    "pinterest": [
        ("POST", "https://www.pinterest.com/resource/PinResource/create/", POSTS),
        ("POST", "https://www.pinterest.com/resource/RepinResource/create/", POSTS),
        ("POST", "https://uk.pinterest.com/resource/AggregatedCommentResource/create/", POSTS),
        ("POST", "https://www.pinterest.com/resource/UserFollowResource/create/", POSTS),
        ("POST", "https://www.pinterest.com/resource/PinReactionResource/create/", POSTS),
        ("POST", "https://www.pinterest.com/resource/ConversationMessagesResource/create/", POSTS),
        ("GET", "https://www.pinterest.com/pin/123/", READS),
        ("GET", "https://www.pinterest.com/resource/UserHomefeedResource/get/?data=%7B%7D", READS),
        ("GET", "https://www.pinterest.com/resource/BoardFeedResource/get/", READS),
        (
            "POST",
            "https://www.pinterest.com/resource/UserRegisterTrackActionResource/update/",
            READS,
        ),
    ],
    "tumblr": [
        ("POST", "https://www.tumblr.com/api/v2/blog/someone/posts", POSTS),
        ("PUT", "https://www.tumblr.com/api/v2/blog/someone/posts/7123", POSTS),
        ("POST", "https://www.tumblr.com/api/v2/user/like", POSTS),
        ("POST", "https://www.tumblr.com/api/v2/user/follow", POSTS),
        ("POST", "https://api.tumblr.com/v2/blog/someone/post/reblog", POSTS),
        ("POST", "https://www.tumblr.com/api/v2/conversations/messages", POSTS),
        ("GET", "https://www.tumblr.com/dashboard", READS),
        ("GET", "https://www.tumblr.com/api/v2/timeline/dashboard", READS),
        ("GET", "https://www.tumblr.com/api/v2/blog/someone/posts?npf=true", READS),
        ("GET", "https://www.tumblr.com/api/v2/conversations/messages?conversation_id=1", READS),
    ],
    "twitch": [
        ("POST", "https://api.twitch.tv/helix/chat/messages", POSTS),
        ("POST", "https://api.twitch.tv/helix/whispers?from_user_id=1&to_user_id=2", POSTS),
        ("POST", "https://api.twitch.tv/helix/clips?broadcaster_id=1", POSTS),
        ("POST", "https://api.twitch.tv/helix/chat/announcements?broadcaster_id=1", POSTS),
        ("GET", "https://www.twitch.tv/somechannel", READS),
        ("GET", "https://api.twitch.tv/helix/chat/messages", READS),
        ("GET", "https://api.twitch.tv/helix/clips?id=AwkwardHelplessSalamander", READS),
        # Follows and chat on twitch.tv itself: one address for all, out of a rule's sight.
        ("POST", "https://gql.twitch.tv/gql", READS),
    ],
    "hackernews": [
        ("POST", "https://news.ycombinator.com/comment", POSTS),
        ("POST", "https://news.ycombinator.com/r", POSTS),
        ("POST", "https://news.ycombinator.com/xedit", POSTS),
        ("POST", "https://news.ycombinator.com/xdelete?id=1", POSTS),
        ("GET", "https://news.ycombinator.com/news", READS),
        ("GET", "https://news.ycombinator.com/item?id=1", READS),
        ("POST", "https://news.ycombinator.com/login", READS),
        ("GET", "https://news.ycombinator.com/reply?id=1&goto=item", READS),
    ],
}

RULES = [(p.id, rule) for p in BUILTIN_PLATFORMS for rule in p.posting]
CASES = [(pid, *case) for pid, cases in SAMPLES.items() for case in cases]


def test_every_platform_has_posting_rules_and_a_table() -> None:
    assert {p.id for p in BUILTIN_PLATFORMS} == set(SAMPLES)
    for platform in BUILTIN_PLATFORMS:
        assert platform.posting, platform.id
        verdicts = [expected for _, _, expected in SAMPLES[platform.id]]
        assert verdicts.count(POSTS) >= 4 and verdicts.count(READS) >= 3, platform.id


@pytest.mark.parametrize(
    ("platform_id", "rule"), RULES, ids=[f"{p}-{i}" for i, (p, _) in enumerate(RULES)]
)
def test_every_built_in_rule_keeps_to_the_browsers_subset(
    platform_id: str, rule: PostingRule
) -> None:
    assert check_rule(rule.methods, rule.pattern) == rule
    assert re.compile(rule.pattern).pattern == rule.pattern


@pytest.mark.parametrize(("platform_id", "method", "url", "expected"), CASES)
def test_a_watch_break_refuses_posting_and_lets_reading_through(
    platform_id: str, method: str, url: str, expected: bool
) -> None:
    assert is_posting(DEFAULT_CATALOGUE.resolve(platform_id), method, url) is expected


def test_each_rule_is_needed_by_some_sample() -> None:
    """A rule no sample reaches is a rule nobody checked."""
    for platform in BUILTIN_PLATFORMS:
        for rule in platform.posting:
            alone = Platform(platform.id, platform.name, (), posting=(rule,))
            assert any(
                is_posting(alone, method, url)
                for method, url, posts in SAMPLES[platform.id]
                if posts
            ), rule.pattern


def test_matching_ignores_case_as_the_browser_does() -> None:
    x = DEFAULT_CATALOGUE.resolve("x")
    assert is_posting(x, "post", "HTTPS://X.COM/i/api/graphql/a/createtweet")


def test_a_platform_of_ones_own_without_rules_refuses_nothing() -> None:
    forum = Platform("forum", "Forum", ("forum.example.org",))
    assert not is_posting(forum, "POST", "https://forum.example.org/post")


def test_the_extension_receives_lower_case_methods_and_the_pattern() -> None:
    platform = Platform(
        "forum",
        "Forum",
        ("forum.example.org",),
        posting=(PostingRule(("POST", "DELETE"), r"^https://forum\.example\.org/post"),),
    )
    assert posting_rules_for_extension(platform) == [
        {"methods": ["post", "delete"], "regex": r"^https://forum\.example\.org/post"}
    ]


def test_methods_are_upper_cased_once_each_and_only_those_that_change_things() -> None:
    assert check_methods(["post", "PUT", "Post", " delete "]) == ("POST", "PUT", "DELETE")
    with pytest.raises(InvalidInput, match="'GET' is not a posting method"):
        check_methods(["POST", "GET"])
    with pytest.raises(InvalidInput, match=r"'PO\\nST' is not") as caught:
        check_methods(["PO\nST"])
    assert "\n" not in str(caught.value)
    with pytest.raises(InvalidInput, match="at least one method"):
        check_methods([])


GOOD = [
    r"^https://forum\.example\.org/(?:post|reply)(?:[?#]|$)",
    r"^https?://[^/?#]+/api/v1/statuses",
    r"^https://a\.example/[\]\-x]{2,5}?",
    r"^https://a\.example/\x41\d+\.json",
]
BAD = [
    (r"^https://a\.example/(?=x)", "lookarounds"),
    (r"^https://a\.example/(?!x)", "lookarounds"),
    (r"^https://a\.example/(?<=x)y", "lookarounds"),
    (r"^https://a\.example/(?<!x)y", "lookarounds"),
    (r"^https://a\.example/(x)\1", "backreference"),
    (r"^https://a\.example/(?P<n>x)(?P=n)", "named groups"),
    (r"^https://a\.example/x++", "possessive"),
    (r"^https://a\.example/x{2}+", "possessive"),
    (r"^https://a\.example/(?>x)", "atomic"),
    (r"^https://a\.example/(?i:x)", r"only open as \( or \(\?:"),
    (r"^https://a\.example/x|y", "alternatives inside a group"),
    (r"https://a\.example/x", r"must start with \^https://"),
    (r"^http://a\.example/x", r"must start with \^https://"),
    (r"^.*a\.example/x", r"must start with \^https://"),
    (r"^https://a\.example/x{,3}", "repeat count"),
    (r"^https://a\.example/x{1001}", "above 1000"),
    (r"^https://a\.example/[[:alpha:]]", r"escape a \["),
    (r"^https://a\.example/[]x]", r"escape a \]"),
    (r"^https://a\.example/x}", r"escape a \}"),
    (r"^https://a\.example/x\Z", r"'\\Z' is not allowed"),
    (r"^https://a\.example/\u0041", r"'\\u' is not allowed"),
    (r"^https://a\.example/\-", r"'\\-' is not allowed"),
    ("^https://a.example/é", "ASCII"),
    ("^https://a.example/\tx", "ASCII"),
    (r"^https://a\.example/(x", "not a valid regular expression"),
    ("^https://a.example/" + "x" * MAX_PATTERN, "longer than 2048"),
]


@pytest.mark.parametrize("pattern", GOOD)
def test_patterns_every_engine_reads_alike_are_kept(pattern: str) -> None:
    assert check_pattern(pattern) == pattern


@pytest.mark.parametrize(("pattern", "message"), BAD)
def test_patterns_outside_the_subset_are_refused_in_one_line(pattern: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        check_pattern(pattern)
    assert "\n" not in str(caught.value)
