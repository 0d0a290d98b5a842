// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AdMarket} from "../../src/AdMarket.sol";
import {HexToken} from "../../src/HexToken.sol";
import {IAdMarket} from "../../src/interfaces/IAdMarket.sol";

/// @dev Drives AdMarket through random advertiser, settler and claimant actions. Earnings go to two
/// accounts that split every epoch's total 2:1; a "skewed" epoch (a dishonest settler) swaps the split
/// to 1:2, so an account may see its cumulative amount fall after it claimed.
contract MarketHandler is Test {
    AdMarket public market;
    HexToken public token;
    address public settler;
    address[3] public advertisers = [address(0xA1), address(0xA2), address(0xA3)];
    address public constant EARNER_X = address(0xE1);
    address public constant EARNER_Y = address(0xE2);

    uint256 public ghostClaimed;
    uint256 public ghostDeposited;
    /// @dev Highest active epoch seen: the active epoch must never move back.
    uint256 public ghostMaxActive;
    address public guardian;
    /// @dev The one spend change each epoch made (what an undo replays) and whether its root is skewed.
    mapping(uint256 epochId => IAdMarket.SpendChange) internal changes;
    mapping(uint256 epochId => bool) internal skewOf;

    constructor(AdMarket market_, HexToken token_, address settler_, address guardian_, address treasury) {
        market = market_;
        token = token_;
        settler = settler_;
        guardian = guardian_;
        for (uint256 i; i < advertisers.length; ++i) {
            vm.prank(treasury);
            token.transfer(advertisers[i], 10_000_000e18);
            vm.prank(advertisers[i]);
            token.approve(address(market), type(uint256).max);
        }
    }

    function create(uint256 who, uint256 budget, uint256 cpc) external {
        cpc = bound(cpc, market.minCpc(), 10e18);
        budget = bound(budget, cpc, 100_000e18);
        uint64[] memory targets = new uint64[](1);
        targets[0] = 0x871fb4662ffffff;
        vm.prank(advertisers[who % 3]);
        market.createCampaign(
            budget, cpc, uint40(block.timestamp), uint40(block.timestamp + 3 days), "", targets
        );
        ghostDeposited += budget;
    }

    function topUp(uint256 id, uint256 amount) external {
        if (market.campaignCount() == 0) return;
        id = bound(id, 1, market.campaignCount());
        IAdMarket.Campaign memory c = market.getCampaign(id);
        if (block.timestamp >= c.end) return;
        amount = bound(amount, 1, 10_000e18);
        vm.prank(c.advertiser);
        market.topUp(id, amount);
        ghostDeposited += amount;
    }

    function endEarly(uint256 id) external {
        if (market.campaignCount() == 0) return;
        id = bound(id, 1, market.campaignCount());
        IAdMarket.Campaign memory c = market.getCampaign(id);
        if (block.timestamp >= c.end) return;
        vm.prank(c.advertiser);
        market.endCampaign(id);
    }

    /// @dev Posts an epoch settling a random spend increase (possibly an over-budget attempt, which
    /// must revert). Its root pays the new total 2:1, or 1:2 when skewed (a dishonest settler).
    function settle(uint256 id, uint256 increase, bool skew) external {
        if (market.campaignCount() == 0) return;
        id = bound(id, 1, market.campaignCount());
        IAdMarket.Campaign memory c = market.getCampaign(id);
        uint256 cumulative = c.spent + bound(increase, 0, uint256(c.budget) - c.spent + 1e18);
        uint256 total = market.settledTotal() + cumulative - c.spent;
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        uint256[] memory spend = new uint256[](1);
        spend[0] = cumulative;
        uint256 epochId = market.lastEpochId() + 1;
        vm.prank(settler);
        try market.postEpoch(
            epochId, _root(total, skew), total, uint40(block.timestamp), bytes32(0), ids, spend
        ) {
            changes[epochId] = IAdMarket.SpendChange(id, c.spent, c.spentEpoch, cumulative);
            skewOf[epochId] = skew;
            _noteActive();
        } catch {}
    }

    /// @dev Anyone activates the newest due epoch (or a random one, which may revert).
    function activate(uint256 back) external {
        uint256 last = market.lastEpochId();
        if (last == 0) return;
        uint256 id = last - bound(back, 0, last - 1);
        try market.activateEpoch(id) {
            assertGe(id, ghostMaxActive, "activated an older epoch");
        } catch {}
        _noteActive();
    }

    /// @dev The guardian vetoes a random epoch (reverts unless pending), then anyone undoes its changes.
    function veto(uint256 back) external {
        uint256 last = market.lastEpochId();
        if (last == 0) return;
        uint256 id = last - bound(back, 0, last - 1);
        vm.prank(guardian);
        try market.vetoEpoch(id) {} catch {}
        undo();
    }

    /// @dev Replays every outstanding undo from the changes this handler posted.
    function undo() public {
        for (uint256 e = market.undoEpochId(); e != 0; e = market.undoEpochId()) {
            IAdMarket.SpendChange[] memory ch = new IAdMarket.SpendChange[](1);
            ch[0] = changes[e];
            market.undoVetoedSpend(e, bytes32(0), ch);
        }
    }

    function claim(bool x) external {
        uint256 active = market.activeEpochId();
        if (active == 0) return;
        uint256 total = market.activeTotal();
        bool skew = skewOf[active];
        (uint256 cx, uint256 cy) = _shares(total, skew);
        address account = x ? EARNER_X : EARNER_Y;
        uint256 amount = x ? cx : cy;
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = x ? _leaf(EARNER_Y, cy) : _leaf(EARNER_X, cx);
        uint256 already = market.claimed(account);
        if (amount <= already) return;
        // After a skewed root this may exceed the activated total and revert: that is the point.
        // Otherwise an activated epoch's claim always pays.
        bool withinActive = market.totalClaimed() + amount - already <= total;
        try market.claim(account, amount, proof) {
            ghostClaimed += amount - already;
        } catch {
            assertFalse(withinActive, "an activated epoch's claim did not pay");
        }
    }

    function withdraw(uint256 id) external {
        if (market.campaignCount() == 0) return;
        id = bound(id, 1, market.campaignCount());
        IAdMarket.Campaign memory c = market.getCampaign(id);
        bool due = block.timestamp >= c.end
            && (market.activeCutoff() >= c.end || block.timestamp >= c.end + market.ESCAPE_DELAY());
        if (c.withdrawn || !due || c.spentEpoch > market.activeEpochId()) return;
        vm.prank(c.advertiser);
        market.withdrawUnspent(id);
    }

    function _noteActive() internal {
        uint256 active = market.activeEpochId();
        assertGe(active, ghostMaxActive, "the active epoch moved back");
        ghostMaxActive = active;
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 2 days));
        // The settler is not always silent: what is due gets activated as time passes.
        if (secs % 2 == 0) _activateNewestDue();
    }

    function _activateNewestDue() internal {
        for (uint256 id = market.lastEpochId(); id > market.activeEpochId(); --id) {
            IAdMarket.Epoch memory e = market.getEpoch(id);
            if (e.status == IAdMarket.EpochStatus.Pending && e.activatesAt <= block.timestamp) {
                market.activateEpoch(id);
                break;
            }
        }
        _noteActive();
    }

    function _shares(uint256 total, bool skew) internal pure returns (uint256 cx, uint256 cy) {
        cy = total / 3;
        cx = total - cy;
        if (skew) (cx, cy) = (cy, cx);
    }

    function _root(uint256 total, bool skew) internal pure returns (bytes32) {
        (uint256 cx, uint256 cy) = _shares(total, skew);
        bytes32 a = _leaf(EARNER_X, cx);
        bytes32 b = _leaf(EARNER_Y, cy);
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function _leaf(address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
    }
}
