"""The built-in platforms' posting rules: the web addresses their sites publish, reply, repost,
like, follow and send messages through, as best known when written.

Sites change these; a person corrects them under `[platforms.ID] posting` in the config. Some
actions cannot be told from reading by address and method at all: Facebook and Twitch send
nearly everything, reading included, to one GraphQL address with the action named in the body,
and chat on Twitch, Facebook and Instagram travels over a socket that also brings messages in.
Those are left open rather than breaking reading; the README says so.

Federated platforms (Mastodon, Bluesky) match any host: a person's server (or Bluesky's
personal data servers, *.host.bsky.network) answers under the same paths.
"""

from __future__ import annotations

from breakwell.domain.posting import PostingRule

# An address that ends here or carries only a query after this point.
_END = r"(?:[?#]|$)"


def _post(pattern: str) -> PostingRule:
    return PostingRule(("POST",), pattern)


# X's site calls its own API under /i/api; twitter.com addresses now lead to x.com.
_X = r"^https://(?:x|twitter)\.com/i/api"
X = (
    # GraphQL mutations; reading goes through GraphQL queries (GET, and POST for some
    # timelines), which these names never match.
    _post(_X + r"/graphql/[^/?#]+/(?:CreateTweet|CreateNoteTweet|CreateScheduledTweet)" + _END),
    _post(_X + r"/graphql/[^/?#]+/(?:CreateRetweet|DeleteRetweet|DeleteTweet)" + _END),
    _post(_X + r"/graphql/[^/?#]+/(?:FavoriteTweet|UnfavoriteTweet)" + _END),
    _post(_X + r"/graphql/[^/?#]+/useDMReactionMutationAddMutation" + _END),
    _post(_X + r"/1\.1/(?:friendships/(?:create|destroy)|dm/new2?|dm/reaction/new)\.json" + _END),
    _post(r"^https://upload\.(?:x|twitter)\.com/(?:i|1\.1)/media/upload\.json" + _END),
)

_FACEBOOK = r"^https://(?:www|m|web)\.facebook\.com"
FACEBOOK = (
    _post(_FACEBOOK + r"/ajax/ufi/(?:add_comment|like|reaction)\.php"),
    _post(_FACEBOOK + r"/ajax/(?:updatestatus|mercury/send_messages)\.php"),
    _post(_FACEBOOK + r"/ajax/(?:add_friend/action|follow/follow_profile)\.php"),
    # The mobile site's forms.
    _post(_FACEBOOK + r"/(?:a/comment\.php|a/like\.php|ufi/reaction/)"),
    _post(_FACEBOOK + r"/(?:messages/send/|composer/mbasic/|a/mobile/friends/add_friend\.php)"),
    # Photos and videos for posts and messages go up through their own hosts.
    _post(r"^https://(?:upload|rupload|vupload-edge)\.facebook\.com/"),
)

_INSTAGRAM = r"^https://(?:www|i)\.instagram\.com/api/v1"
INSTAGRAM = (
    _post(_INSTAGRAM + r"/web/likes/[^/?#]+/(?:like|unlike)/"),
    _post(_INSTAGRAM + r"/web/comments/(?:[^/?#]+/add|like/[^/?#]+|unlike/[^/?#]+)/"),
    _post(_INSTAGRAM + r"/web/comments/[^/?#]+/delete/"),
    _post(_INSTAGRAM + r"/friendships/(?:create|destroy)/[^/?#]+/"),
    _post(_INSTAGRAM + r"/web/friendships/[^/?#]+/(?:follow|unfollow)/"),
    _post(_INSTAGRAM + r"/media/(?:configure|configure_to_story|configure_sidecar)/"),
    _post(_INSTAGRAM + r"/media/(?:configure_to_clips|upload_finish)/"),
    _post(_INSTAGRAM + r"/media/[^/?#]+/(?:like|unlike|comment|delete|edit_media)/"),
    _post(_INSTAGRAM + r"/direct_v2/(?:threads/broadcast/[^/?#]+|create_group_thread)/"),
    _post(r"^https://(?:www|i)\.instagram\.com/rupload_ig(?:photo|video)/"),
)

_TIKTOK = r"^https://(?:www|m)\.tiktok\.com"
TIKTOK = (
    _post(_TIKTOK + r"/api/comment/(?:publish|digg|delete)/?" + _END),
    _post(_TIKTOK + r"/api/commit/(?:item/digg|follow/user)/?" + _END),
    # Reposts.
    _post(_TIKTOK + r"/tiktok/v1/upvote/(?:publish|delete)/?" + _END),
    _post(r"^https://im-api(?:-[a-z0-9]+)?\.tiktok\.com/v1/message/send" + _END),
)

_REDDIT = r"^https://(?:www|old|new|np|oauth)\.reddit\.com"
_MATRIX = r"^https://matrix\.redditspace\.com/_matrix/client/(?:r0|v3)"
REDDIT = (
    _post(_REDDIT + r"/api/(?:comment|submit|vote|del|editusertext)(?:\.json)?" + _END),
    _post(_REDDIT + r"/api/(?:subscribe|compose|friend|media/asset)(?:\.json)?" + _END),
    _post(_REDDIT + r"/svc/shreddit/(?:[^/?#]+/)*create-comment/?" + _END),
    # Chat is Matrix: a message or a reaction is an event sent into a room.
    PostingRule(("PUT", "POST"), _MATRIX + r"/rooms/[^/?#]+/send/"),
    _post(_MATRIX + r"/(?:createRoom|join/|rooms/[^/?#]+/(?:join|invite))"),
)

_YOUTUBE = r"^https://(?:www|m)\.youtube\.com/youtubei/v1"
YOUTUBE = (
    _post(_YOUTUBE + r"/like/(?:like|dislike|removelike)" + _END),
    _post(_YOUTUBE + r"/comment/(?:create_comment|create_comment_reply)" + _END),
    _post(_YOUTUBE + r"/comment/(?:update_comment|update_comment_reply)" + _END),
    _post(_YOUTUBE + r"/comment/perform_comment_action" + _END),
    _post(_YOUTUBE + r"/subscription/(?:subscribe|unsubscribe)" + _END),
    _post(_YOUTUBE + r"/(?:live_chat/send_message|backstage/create_post)" + _END),
    _post(r"^https://upload\.youtube\.com/"),
)

_LINKEDIN = r"^https://www\.linkedin\.com/voyager/api"
LINKEDIN = (
    PostingRule(
        ("POST", "DELETE"),
        _LINKEDIN + r"/(?:contentcreation/normShares|voyagerContentcreationDashShares)",
    ),
    PostingRule(
        ("POST", "DELETE"),
        _LINKEDIN + r"/voyagerSocialDash(?:Reactions|NormComments|Comments)(?:[/?#]|$)",
    ),
    _post(_LINKEDIN + r"/voyagerMessagingDashMessengerMessages\?action=createMessage"),
    _post(_LINKEDIN + r"/messaging/conversations(?:\?|$|/[^/?#]+/events)"),
    _post(_LINKEDIN + r"/(?:voyagerRelationshipsDashMemberRelationships|growth/normInvitations)"),
    _post(_LINKEDIN + r"/feed/dash/followingStates/"),
    _post(_LINKEDIN + r"/voyagerMediaUploadMetadata\?action=upload"),
)

_MASTODON = r"^https://[^/?#]+/api/v1"
MASTODON = (
    # Posts, replies and direct messages alike.
    _post(_MASTODON + r"/statuses" + _END),
    _post(_MASTODON + r"/statuses/[^/?#]+/(?:reblog|unreblog|favourite|unfavourite)" + _END),
    PostingRule(("PUT", "DELETE"), _MASTODON + r"/statuses/[^/?#]+" + _END),
    _post(_MASTODON + r"/(?:accounts|tags)/[^/?#]+/(?:follow|unfollow)" + _END),
    _post(_MASTODON + r"/polls/[^/?#]+/votes" + _END),
    _post(r"^https://[^/?#]+/api/v[12]/media" + _END),
)

_XRPC = r"^https://[^/?#]+/xrpc"
BLUESKY = (
    # Posts, replies, reposts, likes and follows are all records written to the repository.
    _post(_XRPC + r"/com\.atproto\.repo\.(?:createRecord|putRecord|deleteRecord)" + _END),
    _post(_XRPC + r"/com\.atproto\.repo\.(?:applyWrites|uploadBlob)" + _END),
    _post(_XRPC + r"/app\.bsky\.video\.uploadVideo" + _END),
    _post(_XRPC + r"/chat\.bsky\.convo\.(?:sendMessage|sendMessageBatch|addReaction)" + _END),
)

_THREADS = r"^https://www\.threads\.(?:net|com)"
THREADS = (
    _post(_THREADS + r"/api/v1/media/(?:configure|configure_text_only_post)/"),
    _post(_THREADS + r"/api/v1/media/configure_text_post_app_(?:feed|sidecar)/"),
    _post(_THREADS + r"/api/v1/media/[^/?#]+/(?:like|unlike|delete)/"),
    _post(_THREADS + r"/api/v1/repost/(?:create_repost|delete_text_app_repost)/"),
    _post(_THREADS + r"/api/v1/friendships/(?:create|destroy)/[^/?#]+/"),
    _post(_THREADS + r"/rupload_ig(?:photo|video)/"),
)

_SNAPCHAT = r"^https://[a-z0-9.-]+\.snapchat\.com"
SNAPCHAT = (
    _post(_SNAPCHAT + r"/messagingcoreservice\.MessagingCoreService/CreateContentMessage" + _END),
    _post(_SNAPCHAT + r"/snapchat\.friending\.server\.FriendAction/AddFriends" + _END),
)

_PINTEREST = r"^https://[a-z0-9-]+\.pinterest\.com/resource"
PINTEREST = (
    # Pins and saves (repins).
    _post(_PINTEREST + r"/(?:PinResource|RepinResource)/(?:create|update|delete)/"),
    _post(_PINTEREST + r"/(?:AggregatedCommentResource|AggregatedCommentReplyResource)/create/"),
    _post(_PINTEREST + r"/(?:PinReactionResource|PinLikeResource)/(?:create|delete)/"),
    _post(_PINTEREST + r"/(?:UserFollowResource|BoardFollowResource)/(?:create|delete)/"),
    _post(_PINTEREST + r"/(?:ConversationsResource|ConversationMessagesResource)/create/"),
)

_TUMBLR = r"^https://(?:www\.tumblr\.com/api|api\.tumblr\.com)/v2"
TUMBLR = (
    # Reading a blog is GET on the same address that posts and reblogs take with POST.
    PostingRule(("POST", "PUT"), _TUMBLR + r"/blog/[^/?#]+/posts(?:/[^/?#]+)?" + _END),
    _post(_TUMBLR + r"/blog/[^/?#]+/post/(?:delete|reblog|edit)" + _END),
    _post(_TUMBLR + r"/user/(?:like|unlike|follow|unfollow)" + _END),
    _post(_TUMBLR + r"/conversations/messages" + _END),
)

TWITCH = (
    # twitch.tv itself follows and chats through gql.twitch.tv and a chat socket, which carry
    # reading too; only the public API has an address per action.
    _post(r"^https://api\.twitch\.tv/helix/chat/(?:messages|announcements|shoutouts)" + _END),
    _post(r"^https://api\.twitch\.tv/helix/(?:whispers|clips)" + _END),
)

HACKERNEWS = (
    # Comments, submissions, edits and deletions are forms posted to these; votes are plain
    # links (GET), which a posting rule never refuses.
    _post(r"^https://news\.ycombinator\.com/(?:comment|r|xedit|xdelete)" + _END),
)
