// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IAdMarket
/// @notice Advertisers escrow HXA in campaigns that target H3 cells; clicks are credited off-chain
/// and settled here in epochs: the settler posts a Merkle root of every account's cumulative
/// earnings plus each touched campaign's cumulative spend, and accounts claim the difference.
interface IAdMarket {
    // ------------------------------------------------------------------ structs

    /// @notice A campaign's on-chain state.
    /// @param advertiser Creator; the only account that may manage the campaign.
    /// @param start First second at which clicks may be credited.
    /// @param end First second at which clicks may no longer be credited (lowered by `endCampaign`).
    /// @param paused Whether the advertiser paused it (clicks are not credited while paused).
    /// @param withdrawn Whether the unspent budget was withdrawn (the campaign is closed for good).
    /// @param budget HXA escrowed in total (creation plus top-ups).
    /// @param spent Cumulative spend settled by epochs; never decreases, never exceeds `budget`.
    /// @param cpc Price of one paid click.
    /// @param targetsHash keccak256(abi.encodePacked(targets)) of the targets emitted at creation.
    struct Campaign {
        address advertiser;
        uint40 start;
        uint40 end;
        bool paused;
        bool withdrawn;
        uint128 budget;
        uint128 spent;
        uint128 cpc;
        bytes32 targetsHash;
    }

    /// @notice An EIP-2612 permit signature for the HXA a call pulls.
    struct PermitSig {
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice Shares of one paid click in basis points; they sum to 10,000.
    struct Split {
        uint16 viewerBps;
        uint16 ownerBps;
        uint16 protocolBps;
    }

    // ------------------------------------------------------------------ errors

    /// @notice Thrown when a campaign id does not exist.
    error UnknownCampaign(uint256 campaignId);
    /// @notice Thrown when `caller` manages a campaign it did not create.
    error NotAdvertiser(uint256 campaignId, address caller);
    /// @notice Thrown when `cpc` is below the global minimum.
    error CpcTooLow(uint256 cpc, uint256 minCpc);
    /// @notice Thrown when a budget is zero or smaller than one click.
    error BudgetTooLow(uint256 budget, uint256 cpc);
    /// @notice Thrown when a campaign window is empty or already over.
    error InvalidWindow(uint256 start, uint256 end);
    /// @notice Thrown when the target list is empty or longer than `max`.
    error InvalidTargetCount(uint256 count, uint256 max);
    /// @notice Thrown when a target is not a valid H3 cell of resolution 0 to 7.
    error InvalidTarget(uint256 target);
    /// @notice Thrown when managing a campaign that has already ended.
    error CampaignEnded(uint256 campaignId, uint256 end);
    /// @notice Thrown when pausing a paused campaign or resuming a running one.
    error PausedStateUnchanged(uint256 campaignId, bool paused);
    /// @notice Thrown when an extension does not move the end later.
    error EndNotLater(uint256 campaignId, uint256 end, uint256 newEnd);
    /// @notice Thrown when withdrawing before the campaign ended and an epoch whose cutoff is at or
    /// after its end was posted.
    error WithdrawTooEarly(uint256 campaignId, uint256 end, uint256 lastCutoff);
    /// @notice Thrown when an epoch's cutoff is in the future or before the previous epoch's.
    error InvalidCutoff(uint256 cutoff, uint256 lastCutoff);
    /// @notice Thrown when withdrawing a campaign twice.
    error AlreadyWithdrawn(uint256 campaignId);
    /// @notice Thrown when a posted cumulative spend is lower than the campaign's settled spend.
    error SpendDecreased(uint256 campaignId, uint256 spent, uint256 cumulative);
    /// @notice Thrown when a posted cumulative spend exceeds the campaign's budget.
    error CampaignBudgetExceeded(uint256 campaignId, uint256 cumulative, uint256 budget);
    /// @notice Thrown when arrays passed together have different lengths.
    error LengthMismatch(uint256 a, uint256 b);
    /// @notice Thrown when posting an epoch whose id is not the next one.
    error UnexpectedEpoch(uint256 epochId, uint256 expected);
    /// @notice Thrown when a posted total does not grow by exactly the spend settled in this epoch.
    error TotalMismatch(uint256 total, uint256 expected);
    /// @notice Thrown when the root of an epoch is zero.
    error ZeroRoot();
    /// @notice Thrown when activating or vetoing an epoch that is not the pending one.
    error NoPendingEpoch(uint256 epochId);
    /// @notice Thrown when activating the pending epoch before its challenge period is over.
    error ChallengePeriodActive(uint256 epochId, uint256 activatesAt);
    /// @notice Thrown when a Merkle proof does not prove (`account`, `cumulative`) against the active root.
    error InvalidProof(address account, uint256 cumulative);
    /// @notice Thrown when `cumulative` is not above what `account` already claimed.
    error NothingToClaim(address account, uint256 cumulative, uint256 claimed);
    /// @notice Thrown when a claim would take the sum of all claims above the settled total: a root
    /// that moves earnings between accounts can never pay out more than campaigns spent.
    /// @param account The account claiming.
    /// @param claimedTotal Sum of all claims including this one.
    /// @param settled Sum of all spend settled.
    error ClaimsExceedSettled(address account, uint256 claimedTotal, uint256 settled);
    /// @notice Thrown when a split does not sum to 10,000 bps or breaks its bounds.
    error InvalidSplit(uint256 viewerBps, uint256 ownerBps, uint256 protocolBps);
    /// @notice Thrown when the challenge period is above the maximum.
    error ChallengePeriodTooLong(uint256 period, uint256 max);
    /// @notice Thrown when an address parameter is the zero address.
    error ZeroAddress();

    // ------------------------------------------------------------------ events

    /// @notice Emitted when a campaign is created; `targets` are its compacted H3 cells (res 0-7).
    event CampaignCreated(
        uint256 indexed campaignId,
        address indexed advertiser,
        uint256 budget,
        uint256 cpc,
        uint40 start,
        uint40 end,
        string creativeURI,
        uint64[] targets
    );
    /// @notice Emitted when the advertiser pauses a campaign.
    event CampaignPaused(uint256 indexed campaignId);
    /// @notice Emitted when the advertiser resumes a campaign.
    event CampaignResumed(uint256 indexed campaignId);
    /// @notice Emitted when the advertiser adds `amount` to the budget.
    event CampaignToppedUp(uint256 indexed campaignId, uint256 amount, uint256 budget);
    /// @notice Emitted when the advertiser moves the end later.
    event CampaignExtended(uint256 indexed campaignId, uint40 end);
    /// @notice Emitted when the advertiser ends a campaign early; `end` is the new end (now).
    event CampaignEndedEarly(uint256 indexed campaignId, uint40 end);
    /// @notice Emitted when the unspent budget `amount` is returned to the advertiser.
    event CampaignWithdrawn(uint256 indexed campaignId, address indexed advertiser, uint256 amount);
    /// @notice Emitted for each campaign whose cumulative spend an epoch settles.
    event CampaignSpendSettled(uint256 indexed campaignId, uint256 indexed epochId, uint256 spent);
    /// @notice Emitted when an epoch is posted; it settles every click credited before `cutoff`,
    /// and claims against `root` open at `activatesAt`.
    event EpochPosted(
        uint256 indexed epochId, bytes32 root, uint256 total, uint40 cutoff, uint40 activatesAt
    );
    /// @notice Emitted when an epoch's root becomes the claimable root.
    event EpochActivated(uint256 indexed epochId, bytes32 root);
    /// @notice Emitted when the guardian vetoes the pending epoch's root.
    event EpochVetoed(uint256 indexed epochId, bytes32 root);
    /// @notice Emitted when `amount` is paid to `account`, bringing its claimed total to `cumulative`.
    event Claimed(address indexed account, uint256 amount, uint256 cumulative);
    /// @notice Emitted when the click split changes.
    event SplitUpdated(uint16 viewerBps, uint16 ownerBps, uint16 protocolBps);
    /// @notice Emitted when the minimum cpc changes.
    event MinCpcUpdated(uint256 minCpc);
    /// @notice Emitted when the challenge period changes.
    event ChallengePeriodUpdated(uint256 period);
    /// @notice Emitted when the treasury changes.
    event TreasuryUpdated(address treasury);

    // ------------------------------------------------------------------ advertisers

    /// @notice Creates a campaign and pulls `budget` HXA from the caller into escrow.
    /// @param targets Compacted H3 cells (resolution 0-7) where the ad shows.
    /// @return campaignId The new campaign's id (ids start at 1).
    function createCampaign(
        uint256 budget,
        uint256 cpc,
        uint40 start,
        uint40 end,
        string calldata creativeURI,
        uint64[] calldata targets
    ) external returns (uint256 campaignId);

    /// @notice Like `createCampaign`, with an EIP-2612 permit for `budget`.
    function createCampaignWithPermit(
        uint256 budget,
        uint256 cpc,
        uint40 start,
        uint40 end,
        string calldata creativeURI,
        uint64[] calldata targets,
        PermitSig calldata permit
    ) external returns (uint256 campaignId);

    /// @notice Pauses a running campaign.
    function pauseCampaign(uint256 campaignId) external;

    /// @notice Resumes a paused campaign.
    function resumeCampaign(uint256 campaignId) external;

    /// @notice Adds `amount` HXA to a campaign's budget.
    function topUp(uint256 campaignId, uint256 amount) external;

    /// @notice Moves a campaign's end later.
    function extend(uint256 campaignId, uint40 newEnd) external;

    /// @notice Ends a campaign now.
    function endCampaign(uint256 campaignId) external;

    /// @notice Returns the unspent budget to the advertiser once the campaign ended and an epoch
    /// whose cutoff is at or after its end has settled every click made before the end.
    function withdrawUnspent(uint256 campaignId) external;

    // ------------------------------------------------------------------ settlement

    /// @notice Settles cumulative spend for a chunk of campaigns ahead of `postEpoch` (settler only).
    /// Re-sending a chunk is harmless: spends are cumulative, so a repeat adds nothing.
    function settleSpend(uint256 epochId, uint256[] calldata campaignIds, uint256[] calldata cumulativeSpend)
        external;

    /// @notice Posts epoch `epochId` (settler only): settles a last chunk of campaign spends, then
    /// checks that `total` grew by exactly the spend settled for this epoch and stores `root`.
    /// @param cutoff Every click credited before this time is included (not in the future, never decreasing).
    function postEpoch(
        uint256 epochId,
        bytes32 root,
        uint256 total,
        uint40 cutoff,
        uint256[] calldata campaignIds,
        uint256[] calldata cumulativeSpend
    ) external;

    /// @notice Makes the pending epoch's root claimable once its challenge period is over (anyone).
    function activateEpoch(uint256 epochId) external;

    /// @notice Vetoes the pending epoch's root during its challenge period (guardian only).
    function vetoEpoch(uint256 epochId) external;

    /// @notice Pays `account` its `cumulative` earnings minus what it already claimed (anyone may call).
    function claim(address account, uint256 cumulative, bytes32[] calldata proof) external;

    /// @notice Claims for several accounts in one transaction.
    function claimBatch(
        address[] calldata accounts,
        uint256[] calldata cumulatives,
        bytes32[][] calldata proofs
    ) external;

    // ------------------------------------------------------------------ views

    /// @notice A campaign's state.
    function getCampaign(uint256 campaignId) external view returns (Campaign memory);

    /// @notice The current click split.
    function split() external view returns (uint16 viewerBps, uint16 ownerBps, uint16 protocolBps);

    // ------------------------------------------------------------------ admin

    /// @notice Sets the click split (admin only): sums to 10,000, viewer >= 40 %, protocol <= 20 %.
    function setSplit(uint16 viewerBps, uint16 ownerBps, uint16 protocolBps) external;

    /// @notice Sets the minimum cpc for new campaigns (admin only).
    function setMinCpc(uint256 minCpc) external;

    /// @notice Sets the challenge period for new epochs (admin only; bounded).
    function setChallengePeriod(uint256 period) external;

    /// @notice Sets the treasury (admin only).
    function setTreasury(address treasury) external;
}
